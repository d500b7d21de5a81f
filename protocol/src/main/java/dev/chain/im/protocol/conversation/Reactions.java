package dev.chain.im.protocol.conversation;

import dev.chain.im.protocol.chain.Reaction;
import java.util.List;

/**
 * The answer to adding or removing a reaction: the message's reactions, as the caller sees them.
 */
public record Reactions(List<Reaction> reactions) {}
