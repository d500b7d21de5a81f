package dev.chain.im.protocol.conversation;

import dev.chain.im.protocol.push.Presence;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /v1/presence}: the asked users who share a conversation with the caller. */
@Schema(requiredProperties = "presence")
public record PresenceList(List<Presence> presence) {}
