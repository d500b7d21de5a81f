package dev.chain.im.protocol.push;

/** Ephemeral: another member's read position in the conversation moved to {@code readSeq}. */
public record ReceiptFrame(String conversationId, String userId, long readSeq)
    implements PushFrame {
  public static final String TYPE = "receipt";
}
