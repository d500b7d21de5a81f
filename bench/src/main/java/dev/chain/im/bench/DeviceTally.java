package dev.chain.im.bench;

/**
 * What the check of some devices against their users' chains found; tallies of disjoint sets of
 * devices add up.
 *
 * @param devices devices checked
 * @param caughtUp devices that reached their user's chain head in time
 * @param entries entries the devices applied
 * @param lost seqs of the server chain a device never applied
 * @param duplicated seqs a device applied more than once
 * @param reordered entries applied after a higher seq
 * @param mismatched entries whose message differs from the server's at that seq
 * @param resets epoch resets the devices saw
 */
record DeviceTally(
    int devices,
    int caughtUp,
    long entries,
    long lost,
    long duplicated,
    long reordered,
    long mismatched,
    long resets) {
  static final DeviceTally NONE = new DeviceTally(0, 0, 0, 0, 0, 0, 0, 0);

  /** A device whose check failed: it counts as one that did not catch up. */
  static final DeviceTally UNCHECKED = new DeviceTally(1, 0, 0, 0, 0, 0, 0, 0);

  DeviceTally plus(DeviceTally other) {
    return new DeviceTally(
        devices + other.devices,
        caughtUp + other.caughtUp,
        entries + other.entries,
        lost + other.lost,
        duplicated + other.duplicated,
        reordered + other.reordered,
        mismatched + other.mismatched,
        resets + other.resets);
  }

  /** Every device caught up and holds its chain exactly. */
  boolean exact() {
    return caughtUp == devices && lost == 0 && duplicated == 0 && reordered == 0 && mismatched == 0;
  }
}
