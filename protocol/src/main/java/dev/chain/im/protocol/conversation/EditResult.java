package dev.chain.im.protocol.conversation;

import dev.chain.im.protocol.chain.Message;

/** The answer to an edit: the message with its new content and {@code editedAt}. */
public record EditResult(Message message) {}
