package dev.chain.im.protocol.conversation;

import dev.chain.im.protocol.chain.Message;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A page of a conversation chain, as far as the caller may see it, in seq order.
 *
 * @param readSeq the caller's read position in the conversation
 * @param lastSeq the conversation chain's last seq
 */
@Schema(requiredProperties = {"conversationId", "messages", "readSeq", "lastSeq", "hasMore"})
public record ConversationPage(
    String conversationId,
    List<Message> messages,
    @Schema(minimum = "0") long readSeq,
    @Schema(minimum = "0") long lastSeq,
    boolean hasMore) {}
