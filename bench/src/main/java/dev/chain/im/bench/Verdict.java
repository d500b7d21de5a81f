package dev.chain.im.bench;

/**
 * What the verification found, over all devices: every device must hold its user's chain as the
 * server has it, each seq once, in order.
 *
 * @param devices devices checked
 * @param caughtUp devices that reached their user's chain head in time
 * @param entries entries the devices applied
 * @param lost seqs of the server chain a device never applied
 * @param duplicated seqs a device applied more than once
 * @param reordered entries applied after a higher seq
 * @param mismatched entries whose message differs from the server's at that seq
 * @param resets epoch resets the devices saw
 * @param expectedDeliveries message entries expected on the devices (acknowledged sends × members ×
 *     devices)
 * @param messageEntries message entries the devices applied
 */
record Verdict(
    int devices,
    int caughtUp,
    long entries,
    long lost,
    long duplicated,
    long reordered,
    long mismatched,
    long resets,
    long expectedDeliveries,
    long messageEntries) {

  boolean passed() {
    return caughtUp == devices
        && lost == 0
        && duplicated == 0
        && reordered == 0
        && mismatched == 0
        && messageEntries >= expectedDeliveries;
  }
}
