package dev.chain.im.protocol.conversation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The result of a join, add, leave or remove.
 *
 * @param member whether {@code userId} is a member now
 * @param changed whether the call changed anything (false on an idempotent repeat)
 */
@Schema(requiredProperties = {"conversationId", "userId", "member", "changed"})
public record Membership(String conversationId, String userId, boolean member, boolean changed) {}
