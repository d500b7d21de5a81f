package dev.chain.im.protocol.conversation;

/** Who may join a conversation. */
public enum Access {
  /** Anyone may join by id. */
  OPEN("open"),
  /** Members add others. */
  INVITE("invite");

  private final String wire;

  Access(String wire) {
    this.wire = wire;
  }

  /** The value on the wire. */
  public String wire() {
    return wire;
  }
}
