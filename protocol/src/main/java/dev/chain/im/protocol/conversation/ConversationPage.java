package dev.chain.im.protocol.conversation;

import dev.chain.im.protocol.chain.Message;
import java.util.List;

/**
 * A page of a conversation chain, as far as the caller may see it, in seq order.
 *
 * @param readSeq the caller's read position in the conversation
 * @param lastSeq the conversation chain's last seq
 */
public record ConversationPage(
    String conversationId, List<Message> messages, long readSeq, long lastSeq, boolean hasMore) {}
