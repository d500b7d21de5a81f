package dev.chain.im.protocol.push;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.chain.im.protocol.chain.ChainEntry;

/**
 * One user-chain entry, pushed: a {@link Delivery} with {@code "type":"entry"}. A client compares
 * {@code prevSeq} with the last seq it applied to find a gap.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EntryFrame(String userId, String epoch, long seq, long prevSeq, ChainEntry entry)
    implements PushFrame {
  public static final String TYPE = "entry";
}
