package dev.chain.im.protocol.conversation;

import java.util.List;

/** A conversation's settings and current members. */
public record Conversation(
    String id, String ownerId, String access, String history, long lastSeq, List<String> members) {}
