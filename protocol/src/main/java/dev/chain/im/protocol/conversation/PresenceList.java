package dev.chain.im.protocol.conversation;

import dev.chain.im.protocol.push.Presence;
import java.util.List;

/** {@code GET /v1/presence}: the asked users who share a conversation with the caller. */
public record PresenceList(List<Presence> presence) {}
