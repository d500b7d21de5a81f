package dev.chain.im.protocol.push;

/**
 * The WebSocket close codes the gateway uses, with the reason it sends. After any close a client
 * reconnects with back-off and pulls what it missed; after {@link #POLICY} it first gets a new
 * token.
 */
public final class CloseCodes {
  /** 1008: the token expired, or the connection carries no user. Get a token, then reconnect. */
  public static final int POLICY = 1008;

  /** 1013: more frames were pending than the gateway holds for one socket. Reconnect and pull. */
  public static final int TRY_AGAIN_LATER = 1013;

  /**
   * 1006: never sent. The code WebSocket stacks report for a connection that ended without a close
   * frame, as when the gateway drops a device that stopped reading. Reconnect and pull.
   */
  public static final int ABNORMAL_CLOSURE = 1006;

  /**
   * 4001: this user is served by another gateway (the user's partition of the deliveries topic
   * moved, or the connection reached a gateway that does not own it). Ask {@code GET /v1/route}
   * again, connect to the URL it gives, and pull.
   */
  public static final int MOVED = 4001;

  public static final String TOO_SLOW_REASON =
      "Too many frames pending: reconnect and pull what you missed";
  public static final String TOKEN_EXPIRED_REASON = "Token expired";
  public static final String MOVED_REASON = "Served by another gateway: ask GET /v1/route";

  private CloseCodes() {}
}
