package dev.chain.im.protocol.conversation;

import java.util.List;

/** {@code GET /v1/conversations}: the caller's conversations, the latest activity first. */
public record ConversationList(List<ConversationSummary> conversations) {}
