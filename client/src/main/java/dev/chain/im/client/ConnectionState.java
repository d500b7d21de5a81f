package dev.chain.im.client;

/**
 * Where a {@link ChainConnection} is. A connection goes CONNECTING → SYNCING → CONNECTED, falls to
 * RECONNECTING when its WebSocket closes or fails (and back to CONNECTING after the back-off), and
 * ends in CLOSED.
 */
public enum ConnectionState {
  /** Opening the WebSocket. */
  CONNECTING,
  /** The WebSocket is open; pulling until the chain's head is reached. */
  SYNCING,
  /** Caught up, and following pushes. */
  CONNECTED,
  /** Disconnected; waiting out the back-off before connecting again. */
  RECONNECTING,
  /** Closed by the application or by an error that retrying cannot fix. Final. */
  CLOSED
}
