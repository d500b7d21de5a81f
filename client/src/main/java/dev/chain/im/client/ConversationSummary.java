package dev.chain.im.client;

/**
 * One of the caller's conversations in {@code GET /v1/conversations}.
 *
 * @param lastMessage {@code null} when the conversation has none the caller may see
 */
public record ConversationSummary(
    String id,
    String access,
    String history,
    long lastSeq,
    long readSeq,
    long unread,
    Message lastMessage) {}
