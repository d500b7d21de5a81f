package dev.chain.im.messages.conversation;

import dev.chain.im.messages.config.ImConfig;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each user last had a typing signal forwarded in each conversation, so that at most one per
 * interval goes out. Memory is bounded: past {@code im.typing.tracked} pairs it starts over.
 */
final class TypingThrottle {
  private final ImConfig.Typing config;
  private final Map<String, Instant> forwarded = new ConcurrentHashMap<>();

  TypingThrottle(ImConfig.Typing config) {
    this.config = config;
  }

  boolean due(String userId, String conversationId, Instant now) {
    Instant last = forwarded.get(key(userId, conversationId));
    return last == null || !now.isBefore(last.plus(config.interval()));
  }

  void forwarded(String userId, String conversationId, Instant now) {
    if (forwarded.size() >= config.tracked()) {
      forwarded.clear();
    }
    forwarded.put(key(userId, conversationId), now);
  }

  private static String key(String userId, String conversationId) {
    return conversationId + '\n' + userId;
  }
}
