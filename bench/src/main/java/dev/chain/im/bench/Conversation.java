package dev.chain.im.bench;

import java.util.List;

/** A conversation of the run; {@code index} is its place in the run's list of conversations. */
record Conversation(int index, String id, List<String> members, ConversationSize size) {}
