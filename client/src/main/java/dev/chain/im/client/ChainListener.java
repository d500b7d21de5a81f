package dev.chain.im.client;

import dev.chain.im.protocol.push.PushFrame;

/**
 * What an application hears from a {@link ChainConnection}: applied entries and resets (see {@link
 * ChainFollower.Listener}) and connection state changes.
 *
 * <p>Calls come from the shared HTTP client's threads. Entries and resets are delivered one at a
 * time, in seq order; state changes one at a time, in order. Do not block in them: many clients
 * share a few threads.
 */
public interface ChainListener extends ChainFollower.Listener {

  /** A listener that ignores everything. */
  ChainListener NONE = entry -> {};

  /**
   * The connection moved to {@code state}.
   *
   * @param cause why, for RECONNECTING and for CLOSED after a failure; otherwise {@code null}
   */
  default void onStateChange(ConnectionState state, Throwable cause) {}

  /**
   * An ephemeral frame ({@link dev.chain.im.protocol.push.TypingFrame}, {@link
   * dev.chain.im.protocol.push.ReceiptFrame}, {@link dev.chain.im.protocol.push.PresenceFrame}), as
   * it came: no seq, no gap, nothing to pull.
   */
  default void onSignal(PushFrame frame) {}
}
