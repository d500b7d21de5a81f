package dev.chain.im.push.connection;

import io.quarkus.websockets.next.UserData.TypedKey;

/** What the upgrade check learns about a connection, kept in its user data. */
public final class UpgradeData {
  /** The token's subject: the user whose entries this connection receives. */
  public static final TypedKey<String> USER_ID = TypedKey.forString("im.push.user-id");

  /** The token's expiry, in seconds since the epoch; 0 when it has none. */
  public static final TypedKey<Long> TOKEN_EXPIRES_AT = TypedKey.forLong("im.push.token-exp");

  private UpgradeData() {}
}
