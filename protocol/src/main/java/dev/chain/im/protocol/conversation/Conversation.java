package dev.chain.im.protocol.conversation;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A conversation's settings and current members. */
@Schema(requiredProperties = {"id", "ownerId", "access", "history", "lastSeq", "members"})
public record Conversation(
    String id,
    String ownerId,
    @Schema(enumeration = {"open", "invite"}) String access,
    @Schema(enumeration = {"full", "since_join"}) String history,
    @Schema(minimum = "0", description = "The seq of the conversation's last message.")
        long lastSeq,
    List<String> members) {}
