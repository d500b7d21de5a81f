package dev.chain.im.protocol.push;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.chain.im.protocol.chain.ChainEntry;

/**
 * One entry of one user's chain on its way to that user's devices: the value of a record on {@link
 * Topics#DELIVERIES}, keyed by {@code userId}. The gateway writes it to the user's sockets as an
 * {@link EntryFrame}, the same fields with {@code "type":"entry"}. The chain is gapless, so the
 * entry before it is always {@code seq - 1}.
 */
public record Delivery(String userId, String epoch, long seq, ChainEntry entry) {
  @JsonProperty
  public long prevSeq() {
    return seq - 1;
  }
}
