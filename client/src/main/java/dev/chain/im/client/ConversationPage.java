package dev.chain.im.client;

import java.util.List;

/**
 * A page of a conversation chain, as far as the caller may see it.
 *
 * @param readSeq the caller's read position in the conversation
 * @param lastSeq the conversation chain's last seq
 */
public record ConversationPage(
    String conversationId, List<Message> messages, long readSeq, long lastSeq, boolean hasMore) {}
