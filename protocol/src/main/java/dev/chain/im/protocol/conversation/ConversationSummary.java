package dev.chain.im.protocol.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chain.im.protocol.chain.Message;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
@Schema(
    requiredProperties = {
      "id",
      "access",
      "history",
      "lastSeq",
      "readSeq",
      "unread",
      "unreadMentions",
      "muted"
    })
public record ConversationSummary(
    String id,
    @Schema(enumeration = {"open", "invite"}) String access,
    @Schema(enumeration = {"full", "since_join"}) String history,
    @Schema(minimum = "0") long lastSeq,
    @Schema(minimum = "0") long readSeq,
    @Schema(minimum = "0") long unread,
    @Schema(minimum = "0") long unreadMentions,
    boolean muted,
    String peerId,
    Message lastMessage) {}
