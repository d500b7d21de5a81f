package dev.chain.im.protocol.conversation;

import dev.chain.im.protocol.chain.Reaction;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to adding or removing a reaction: the message's reactions, as the caller sees them.
 */
@Schema(requiredProperties = "reactions")
public record Reactions(List<Reaction> reactions) {}
