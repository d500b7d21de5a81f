package dev.chain.im.protocol.push;

import java.time.OffsetDateTime;

/**
 * Ephemeral: {@code userId} is typing in the conversation; show it until {@code expiresAt} unless
 * another typing frame moves it on.
 */
public record TypingFrame(String conversationId, String userId, OffsetDateTime expiresAt)
    implements PushFrame {
  public static final String TYPE = "typing";
}
