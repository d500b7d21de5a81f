package dev.chain.im.client;

import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.protocol.push.EntryFrame;
import java.time.Instant;

/**
 * An {@code entry} frame pushed by the gateway, with the local time it was received.
 *
 * @param receivedAtNanos {@link System#nanoTime()} when the frame was read off the socket
 * @param receivedAt wall-clock time of the same moment
 */
public record PushedFrame(EntryFrame frame, long receivedAtNanos, Instant receivedAt) {
  public String epoch() {
    return frame.epoch();
  }

  public long seq() {
    return frame.seq();
  }

  public long prevSeq() {
    return frame.prevSeq();
  }

  public ChainEntry entry() {
    return frame.entry();
  }
}
