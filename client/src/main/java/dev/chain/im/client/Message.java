package dev.chain.im.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/**
 * A message on a conversation chain, as the server writes it.
 *
 * @param content the message's JSON object; {@code null} once the message is recalled
 * @param state {@code normal} or {@code recalled}
 */
public record Message(
    String id,
    String conversationId,
    long seq,
    String senderId,
    String clientMsgId,
    OffsetDateTime sentAt,
    JsonNode content,
    String state) {

  public static final String NORMAL = "normal";
  public static final String RECALLED = "recalled";

  public Message {
    if (content != null && content.isNull()) {
      content = null;
    }
  }

  /** The {@code text} field of the content, or {@code null} when there is none. */
  public String text() {
    JsonNode text = content == null ? null : content.get("text");
    return text == null || !text.isTextual() ? null : text.asText();
  }

  public boolean recalled() {
    return RECALLED.equals(state);
  }
}
