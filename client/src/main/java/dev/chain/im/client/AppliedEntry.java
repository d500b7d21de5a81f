package dev.chain.im.client;

import dev.chain.im.protocol.chain.ChainEntry;
import java.time.Instant;

/**
 * An entry handed to the application: exactly once, in seq order.
 *
 * @param epoch the epoch of the chain the entry belongs to
 * @param source how the entry first arrived: an entry pushed during a gap and later confirmed by a
 *     pull counts as {@link Source#PUSH}, with the time of the push
 * @param receivedAtNanos {@link System#nanoTime()} when the entry (or the page holding it) arrived
 * @param receivedAt wall-clock time of the same moment
 */
public record AppliedEntry(
    String epoch, ChainEntry entry, Source source, long receivedAtNanos, Instant receivedAt) {

  /** How an entry reached the client. */
  public enum Source {
    /** Pushed by the gateway over the WebSocket. */
    PUSH,
    /** Read from {@code GET /v1/sync}. */
    PULL
  }

  public long seq() {
    return entry.seq();
  }
}
