package dev.chain.im.bench;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * What the verification found, over all devices: every device must hold its user's chain as the
 * server has it, each seq once, in order. Written to {@code summary.json} with the tally's fields
 * beside the two below.
 *
 * @param expectedDeliveries message entries expected on the devices (acknowledged sends × members ×
 *     devices)
 * @param messageEntries message entries the devices applied
 */
record Verdict(@JsonUnwrapped DeviceTally tally, long expectedDeliveries, long messageEntries) {

  boolean passed() {
    return tally.exact() && messageEntries >= expectedDeliveries;
  }
}
