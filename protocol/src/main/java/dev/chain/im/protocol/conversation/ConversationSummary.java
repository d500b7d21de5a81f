package dev.chain.im.protocol.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chain.im.protocol.chain.Message;

/**
 * One of the caller's conversations in {@code GET /v1/conversations}.
 *
 * @param unread messages after the read position, not sent by the caller, not recalled, not deleted
 *     by the caller, visible to the caller
 * @param unreadMentions the unread ones among them that mention the caller
 * @param muted whether the caller muted the conversation: no offline notifications for it
 * @param peerId in a conversation of two members, the other one (whose presence the caller is told
 *     of); left out otherwise
 * @param lastMessage left out when the conversation has none the caller may see
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationSummary(
    String id,
    String access,
    String history,
    long lastSeq,
    long readSeq,
    long unread,
    long unreadMentions,
    boolean muted,
    String peerId,
    Message lastMessage) {}
