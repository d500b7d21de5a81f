package dev.chain.im.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * One entry of a user chain. Which of the optional fields are set depends on {@link #kind()}:
 *
 * <ul>
 *   <li>{@code message}: {@link #message()}
 *   <li>{@code read}: {@link #readSeq()}, the reader's new read position
 *   <li>{@code recall}, {@code delete}: {@link #messageSeq()}, the message's conversation seq
 *   <li>{@code membership}: {@link #userId()} and {@link #change()} ({@code joined}, {@code left}
 *       or {@code removed})
 * </ul>
 *
 * The kind is kept as the wire string so that kinds added later pass through; {@link #raw()} is the
 * entry as received, with any fields this record does not know.
 */
public record ChainEntry(
    long seq,
    String kind,
    String conversationId,
    Message message,
    Long readSeq,
    Long messageSeq,
    String userId,
    String change,
    JsonNode raw) {

  public static final String MESSAGE = "message";
  public static final String READ = "read";
  public static final String RECALL = "recall";
  public static final String DELETE = "delete";
  public static final String MEMBERSHIP = "membership";

  /**
   * Reads an entry object. A missing {@code seq} is taken from {@code fallbackSeq} (the pushed
   * frame's seq); unknown fields are ignored.
   */
  public static ChainEntry from(JsonNode node, long fallbackSeq, ObjectMapper mapper) {
    JsonNode messageNode = node.get("message");
    Message message = null;
    if (messageNode != null && messageNode.isObject()) {
      try {
        message = mapper.treeToValue(messageNode, Message.class);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException("Unreadable message in chain entry: " + node, e);
      }
    }
    JsonNode seq = node.get("seq");
    return new ChainEntry(
        seq != null && seq.canConvertToLong() ? seq.asLong() : fallbackSeq,
        text(node, "kind"),
        text(node, "conversationId"),
        message,
        number(node, "readSeq"),
        number(node, "messageSeq"),
        text(node, "userId"),
        text(node, "change"),
        node);
  }

  public boolean is(String kind) {
    return kind.equals(this.kind);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Long number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.canConvertToLong() ? null : value.asLong();
  }
}
