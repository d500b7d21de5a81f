package dev.chain.im.protocol.conversation;

/** The result of a recall: the message's seq and its state, {@code recalled}. */
public record RecallResult(String conversationId, long messageSeq, String state) {}
