package dev.chain.im.protocol.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /v1/conversations}. Every field may be left out: the id is then made up,
 * the creator is the only member, access is {@code open} and history {@code full}.
 *
 * @param access an {@link Access} wire value
 * @param history a {@link History} wire value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateConversation(
    @Schema(description = "Made up when left out.") String id,
    @Schema(description = "Others to add; the creator is a member anyway.") List<String> members,
    @Schema(
            enumeration = {"open", "invite"},
            defaultValue = "open")
        String access,
    @Schema(
            enumeration = {"full", "since_join"},
            defaultValue = "full")
        String history) {}
