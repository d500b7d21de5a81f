package dev.chain.im.protocol.conversation;

import dev.chain.im.protocol.chain.Message;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an edit: the message with its new content and {@code editedAt}. */
@Schema(requiredProperties = "message")
public record EditResult(Message message) {}
