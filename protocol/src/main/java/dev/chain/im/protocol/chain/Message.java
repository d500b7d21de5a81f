package dev.chain.im.protocol.chain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
 * @param recalledBy who recalled it (the sender, or the owner); left out unless recalled, and for
 *     messages recalled before this field existed
 */
@Schema(
    description = "A message on a conversation chain, as the reader sees it.",
    requiredProperties = {
      "id",
      "conversationId",
      "seq",
      "senderId",
      "clientMsgId",
      "sentAt",
      "content",
      "state"
    })
public record Message(
    @Schema(format = "uuid", description = "Unique across the system.") String id,
    String conversationId,
    @Schema(
            minimum = "1",
            description =
                "The message's place in its conversation: 1, 2, 3 … without gaps (not the"
                    + " entry's seq on a user chain).")
        long seq,
    String senderId,
    @Schema(nullable = true, description = "The sender's idempotency key, if the send had one.")
        String clientMsgId,
    OffsetDateTime sentAt,
    @Schema(
            type = SchemaType.OBJECT,
            nullable = true,
            additionalProperties = Schema.True.class,
            description =
                "The content as sent or last edited (a MessageContent); null once recalled.")
        Map<String, Object> content,
    @Schema(enumeration = {NORMAL, RECALLED}) String state,
    @JsonInclude(JsonInclude.Include.NON_NULL) OffsetDateTime editedAt,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reaction> reactions,
    @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Who recalled it (the sender, or the owner); only when recalled.")
        String recalledBy) {

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
