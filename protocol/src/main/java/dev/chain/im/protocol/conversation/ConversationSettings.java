package dev.chain.im.protocol.conversation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The caller's own settings of a conversation, taken and answered by {@code PUT
 * /v1/conversations/{cid}/settings}. A muted conversation's messages still reach every device; only
 * offline notifications are not sent for them.
 */
@Schema(requiredProperties = "muted")
public record ConversationSettings(
    @Schema(readOnly = true, description = "Answered; ignored in the request.")
        String conversationId,
    Boolean muted) {}
