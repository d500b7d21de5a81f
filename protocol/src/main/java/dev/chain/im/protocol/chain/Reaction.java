package dev.chain.im.protocol.chain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One reaction on a message as the caller sees it.
 *
 * @param reaction an emoji or a short name, 1-32 characters
 * @param count how many users reacted with it
 * @param me whether the caller is one of them
 */
@Schema(requiredProperties = {"reaction", "count", "me"})
public record Reaction(
    @Schema(minLength = 1, maxLength = 32) String reaction,
    @Schema(minimum = "1") long count,
    boolean me) {}
