package dev.chain.im.protocol.push;

import java.time.OffsetDateTime;

/** Ephemeral: a 1:1 peer came online or went offline. */
public record PresenceFrame(String userId, boolean online, OffsetDateTime lastSeenAt)
    implements PushFrame {
  public static final String TYPE = "presence";
}
