package dev.chain.im.protocol.push;

/** The Kafka topics between message-service and push-gateway, as both default them. */
public final class Topics {
  /** One record per user-chain entry: key = the user id, value = a {@link Delivery}. */
  public static final String DELIVERIES = "im.deliveries";

  private Topics() {}
}
