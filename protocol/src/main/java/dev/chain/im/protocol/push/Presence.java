package dev.chain.im.protocol.push;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Whether a user has at least one open WebSocket on any gateway: the value of a record on {@link
 * Topics#PRESENCE} (key = the user id), and an item of {@code GET /v1/presence}.
 *
 * @param lastSeenAt when the user's last connection closed; null while online, or if never seen
 */
@Schema(requiredProperties = {"userId", "online", "lastSeenAt"})
public record Presence(
    String userId,
    boolean online,
    @Schema(implementation = String.class, format = "date-time", nullable = true)
        OffsetDateTime lastSeenAt) {}
