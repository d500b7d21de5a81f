package dev.chain.im.protocol.push;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of {@code GET /v1/route}: the WebSocket URL of the gateway that serves the caller, and
 * the partition of the deliveries topic that the caller's entries go to (the gateway serves the
 * users of the partitions it consumes).
 */
@Schema(requiredProperties = {"url", "partition"})
public record Route(String url, @Schema(minimum = "0") int partition) {}
