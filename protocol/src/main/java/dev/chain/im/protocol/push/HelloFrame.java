package dev.chain.im.protocol.push;

/**
 * The first frame of every connection: whose entries it carries, and the connection's id (a UUID,
 * for support and logs).
 */
public record HelloFrame(String userId, String connectionId) implements PushFrame {
  public static final String TYPE = "hello";
}
