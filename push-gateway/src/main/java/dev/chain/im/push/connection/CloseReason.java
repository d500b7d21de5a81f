package dev.chain.im.push.connection;

/** The code and reason of a close frame the gateway sends. */
record CloseReason(short code, String reason) {
  CloseReason(int code, String reason) {
    this((short) code, reason);
  }
}
