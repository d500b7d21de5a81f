package dev.chain.im.client;

/** The result of a recall. */
public record RecallResult(String conversationId, long messageSeq, String state) {}
