package dev.chain.im.protocol.chain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A message on a conversation chain: {@code seq} numbers the conversation's messages 1, 2, 3 …
 * without gaps, and {@code id} is unique across the system.
 *
 * @param content the message's JSON object (at least {@code {"text":"…"}}); {@code null} once the
 *     message is recalled
 * @param state {@link #NORMAL} or {@link #RECALLED}
 * @param editedAt when the sender last edited the content; left out if never
 * @param reactions the message's reactions as the reader sees them, in the order they first
 *     appeared; left out when it has none
 */
public record Message(
    String id,
    String conversationId,
    long seq,
    String senderId,
    String clientMsgId,
    OffsetDateTime sentAt,
    Map<String, Object> content,
    String state,
    @JsonInclude(JsonInclude.Include.NON_NULL) OffsetDateTime editedAt,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reaction> reactions) {

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
