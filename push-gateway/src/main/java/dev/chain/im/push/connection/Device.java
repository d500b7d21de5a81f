package dev.chain.im.push.connection;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One open connection of a user, with the frames, and their bytes, handed to the socket but not yet
 * written out. Frames are written in the order {@link #send} is called.
 */
final class Device {
  private static final Logger LOG = Logger.getLogger(Device.class);

  final WebSocketConnection connection;
  final String userId;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong pendingBytes = new AtomicLong();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicBoolean registered = new AtomicBoolean(true);
  volatile long expiryTimer = -1;

  Device(WebSocketConnection connection, String userId) {
    this.connection = connection;
    this.userId = userId;
  }

  /**
   * Hands a frame to the socket unless that would put more than {@code maxFrames} frames or {@code
   * maxBytes} bytes in flight. Returns false, and writes nothing, when the frame was refused or the
   * device is closing.
   */
  boolean send(String frame, int maxFrames, long maxBytes) {
    if (closing.get()) {
      return false;
    }
    long bytes = utf8Length(frame);
    int frames = pending.incrementAndGet();
    long total = pendingBytes.addAndGet(bytes);
    if (frames > maxFrames || total > maxBytes) {
      pending.decrementAndGet();
      pendingBytes.addAndGet(-bytes);
      return false;
    }
    Runnable written =
        () -> {
          pending.decrementAndGet();
          pendingBytes.addAndGet(-bytes);
        };
    connection.sendText(frame).subscribe().with(done -> written.run(), failure -> written.run());
    return true;
  }

  int pending() {
    return pending.get();
  }

  long pendingBytes() {
    return pendingBytes.get();
  }

  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
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
