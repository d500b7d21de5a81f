package dev.chain.im.protocol.conversation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The caller's read position in a conversation after a mark-read. */
@Schema(requiredProperties = {"conversationId", "readSeq"})
public record ReadPosition(String conversationId, @Schema(minimum = "0") long readSeq) {}
