package dev.chain.im.protocol.conversation;

/**
 * The caller's own settings of a conversation, taken and answered by {@code PUT
 * /v1/conversations/{cid}/settings}. A muted conversation's messages still reach every device; only
 * offline notifications are not sent for them.
 */
public record ConversationSettings(String conversationId, Boolean muted) {}
