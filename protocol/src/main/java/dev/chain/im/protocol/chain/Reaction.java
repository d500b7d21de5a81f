package dev.chain.im.protocol.chain;

/**
 * One reaction on a message as the caller sees it.
 *
 * @param reaction an emoji or a short name, 1-32 characters
 * @param count how many users reacted with it
 * @param me whether the caller is one of them
 */
public record Reaction(String reaction, long count, boolean me) {}
