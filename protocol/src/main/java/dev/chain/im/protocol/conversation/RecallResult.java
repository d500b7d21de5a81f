package dev.chain.im.protocol.conversation;

import dev.chain.im.protocol.chain.Message;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The result of a recall: the message's seq and its state, {@code recalled}. */
@Schema(requiredProperties = {"conversationId", "messageSeq", "state"})
public record RecallResult(
    String conversationId,
    @Schema(minimum = "1") long messageSeq,
    @Schema(enumeration = Message.RECALLED) String state) {}
