package dev.chain.im.push.connection;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One open connection of a user, with its count of frames handed to the socket but not yet written
 * out. Frames are written in the order {@link #send} is called.
 */
final class Device {
  private static final Logger LOG = Logger.getLogger(Device.class);

  final WebSocketConnection connection;
  final String userId;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicBoolean registered = new AtomicBoolean(true);
  volatile long expiryTimer = -1;

  Device(WebSocketConnection connection, String userId) {
    this.connection = connection;
    this.userId = userId;
  }

  /**
   * Hands a frame to the socket unless that would put more than {@code maxPending} frames in
   * flight. Returns false, and writes nothing, when the frame was refused or the device is closing.
   */
  boolean send(String frame, int maxPending) {
    if (closing.get()) {
      return false;
    }
    if (pending.incrementAndGet() > maxPending) {
      pending.decrementAndGet();
      return false;
    }
    connection
        .sendText(frame)
        .subscribe()
        .with(done -> pending.decrementAndGet(), failure -> pending.decrementAndGet());
    return true;
  }

  int pending() {
    return pending.get();
  }

  boolean isClosing() {
    return closing.get();
  }

  /** Starts closing; true for the one caller that did. */
  boolean startClosing() {
    return closing.compareAndSet(false, true);
  }

  /** Leaves the index; true for the one caller that did. */
  boolean unregister() {
    return registered.compareAndSet(true, false);
  }

  void close(CloseReason reason) {
    connection
        .close(reason)
        .subscribe()
        .with(done -> {}, failure -> LOG.debugf(failure, "Closing %s failed", connection.id()));
  }
}
