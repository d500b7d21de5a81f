package dev.chain.im.messages.delivery;

import dev.chain.im.protocol.push.Delivery;

/**
 * A user-chain entry on its way to Kafka, and whether its user muted the entry's conversation (its
 * record then carries {@link dev.chain.im.protocol.push.Topics#MUTED_HEADER}).
 */
public record Outbound(Delivery delivery, boolean muted) {}
