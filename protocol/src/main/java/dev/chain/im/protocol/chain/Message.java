package dev.chain.im.protocol.chain;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A message on a conversation chain: {@code seq} numbers the conversation's messages 1, 2, 3 …
 * without gaps, and {@code id} is unique across the system.
 *
 * @param content the message's JSON object (at least {@code {"text":"…"}}); {@code null} once the
 *     message is recalled
 * @param state {@link #NORMAL} or {@link #RECALLED}
 */
public record Message(
    String id,
    String conversationId,
    long seq,
    String senderId,
    String clientMsgId,
    OffsetDateTime sentAt,
    Map<String, Object> content,
    String state) {

  public static final String NORMAL = "normal";
  public static final String RECALLED = "recalled";

  /** The {@code text} field of the content, or {@code null} when there is none. */
  public String text() {
    return content != null && content.get("text") instanceof String text ? text : null;
  }

  public boolean recalled() {
    return RECALLED.equals(state);
  }
}
