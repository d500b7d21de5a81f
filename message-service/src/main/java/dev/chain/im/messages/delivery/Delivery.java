package dev.chain.im.messages.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.chain.im.messages.chain.ChainEntry;

/**
 * One entry of one user's chain on its way to that user's devices: the Kafka record value. The
 * chain is gapless, so the entry before it is always {@code seq - 1}.
 */
public record Delivery(String userId, String epoch, long seq, ChainEntry entry) {
  @JsonProperty
  public long prevSeq() {
    return seq - 1;
  }
}
