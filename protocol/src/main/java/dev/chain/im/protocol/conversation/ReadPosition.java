package dev.chain.im.protocol.conversation;

/** The caller's read position in a conversation after a mark-read. */
public record ReadPosition(String conversationId, long readSeq) {}
