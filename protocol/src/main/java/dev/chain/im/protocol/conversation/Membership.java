package dev.chain.im.protocol.conversation;

/**
 * The result of a join, add, leave or remove.
 *
 * @param member whether {@code userId} is a member now
 * @param changed whether the call changed anything (false on an idempotent repeat)
 */
public record Membership(String conversationId, String userId, boolean member, boolean changed) {}
