package dev.chain.im.protocol.push;

/**
 * The answer of {@code GET /v1/route}: the WebSocket URL of the gateway that serves the caller, and
 * the partition of the deliveries topic that the caller's entries go to (the gateway serves the
 * users of the partitions it consumes).
 */
public record Route(String url, int partition) {}
