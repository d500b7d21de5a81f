package dev.chain.im.protocol.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of {@code POST /v1/conversations}. Every field may be left out: the id is then made up,
 * the creator is the only member, access is {@code open} and history {@code full}.
 *
 * @param access an {@link Access} wire value
 * @param history a {@link History} wire value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateConversation(String id, List<String> members, String access, String history) {}
