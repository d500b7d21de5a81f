package dev.chain.im.messages.chain;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chain.im.messages.conversation.Message;

/**
 * An entry on a user chain. Which fields are set depends on the kind: {@code message} carries the
 * message, {@code read} the new read position, {@code recall} and {@code delete} the message's seq,
 * {@code membership} who joined or left and how.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainEntry(
    long seq,
    String kind,
    String conversationId,
    Message message,
    Long readSeq,
    Long messageSeq,
    String userId,
    String change) {

  public static ChainEntry message(long seq, Message message) {
    return new ChainEntry(
        seq, "message", message.conversationId(), message, null, null, null, null);
  }

  public static ChainEntry read(long seq, String conversationId, long readSeq) {
    return new ChainEntry(seq, "read", conversationId, null, readSeq, null, null, null);
  }

  public static ChainEntry recall(long seq, String conversationId, long messageSeq) {
    return new ChainEntry(seq, "recall", conversationId, null, null, messageSeq, null, null);
  }

  public static ChainEntry delete(long seq, String conversationId, long messageSeq) {
    return new ChainEntry(seq, "delete", conversationId, null, null, messageSeq, null, null);
  }

  public static ChainEntry membership(
      long seq, String conversationId, String userId, String change) {
    return new ChainEntry(seq, "membership", conversationId, null, null, null, userId, change);
  }
}
