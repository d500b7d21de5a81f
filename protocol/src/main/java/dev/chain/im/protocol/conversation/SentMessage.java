package dev.chain.im.protocol.conversation;

import dev.chain.im.protocol.chain.Message;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a send: 201 with the new message, or 200 with the first one on a retry. */
@Schema(requiredProperties = "message")
public record SentMessage(Message message) {}
