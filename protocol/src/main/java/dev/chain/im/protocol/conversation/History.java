package dev.chain.im.protocol.conversation;

/** What part of a conversation chain a member may read. */
public enum History {
  /** The whole chain. */
  FULL("full"),
  /** Only what was sent while a member. */
  SINCE_JOIN("since_join");

  private final String wire;

  History(String wire) {
    this.wire = wire;
  }

  /** The value on the wire. */
  public String wire() {
    return wire;
  }
}
