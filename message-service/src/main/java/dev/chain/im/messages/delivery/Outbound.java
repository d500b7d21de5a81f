package dev.chain.im.messages.delivery;

import dev.chain.im.protocol.push.Delivery;
import java.util.Map;

/**
 * A user-chain entry on its way to Kafka, whether its user muted the entry's conversation (its
 * record then carries {@link dev.chain.im.protocol.push.Topics#MUTED_HEADER}), and the trace of the
 * request that wrote it ({@link TraceHeaders}; empty when there is none).
 */
public record Outbound(Delivery delivery, boolean muted, Map<String, String> trace) {

  /** An entry read back from the chain: no request, no trace. */
  public static Outbound fromChain(Delivery delivery, boolean muted) {
    return new Outbound(delivery, muted, Map.of());
  }
}
