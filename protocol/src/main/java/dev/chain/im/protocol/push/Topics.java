package dev.chain.im.protocol.push;

/** The Kafka topics between message-service and push-gateway, as both default them. */
public final class Topics {
  /** One record per user-chain entry: key = the user id, value = a {@link Delivery}. */
  public static final String DELIVERIES = "im.deliveries";

  /**
   * One record per message that reached a user who had no open connection, written by the gateway
   * that serves the user, exactly once (in Kafka transactions): key = the user id, value = a {@link
   * Notification}. Read it with {@code isolation.level=read_committed}.
   */
  public static final String NOTIFICATIONS = "im.notifications";

  /**
   * Ephemeral frames ({@code typing}, {@code receipt}), keyed by the recipient, each value the
   * frame a gateway writes as it is. It has as many partitions as {@link #DELIVERIES}, so a
   * recipient's signals are in the partition of the same number, which the gateway that serves them
   * reads.
   */
  public static final String SIGNALS = "im.signals";

  /**
   * Who is online: key = the user id, value = a {@link Presence}, written by the gateway that
   * serves the user when their first connection opens and their last one closes. Compacted, with as
   * many partitions as {@link #DELIVERIES}, so partition p is written by the owner of delivery
   * partition p.
   */
  public static final String PRESENCE = "im.presence";

  /**
   * A header on a {@link #DELIVERIES} record of a {@code message} entry whose user muted the
   * conversation: the gateway sends no offline notification for it.
   */
  public static final String MUTED_HEADER = "im-muted";

  private Topics() {}
}
