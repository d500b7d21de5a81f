package dev.chain.im.push.connection;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One open connection of a user, with the frames, and their bytes, handed to the socket but not yet
 * written out. Frames are written in the order {@link #send} is called. It keeps the socket, the
 * user and the token's expiry, and nothing of the upgrade request.
 */
final class Device {
  private static final Logger LOG = Logger.getLogger(Device.class);
  private static final Buffer PING = Buffer.buffer();

  final ServerWebSocket socket;
  final String userId;
  final UUID id = UUID.randomUUID();

  /** When the token expires, in seconds since the epoch; 0 when it has none. */
  final long tokenExpiresAt;

  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong pendingBytes = new AtomicLong();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicBoolean registered = new AtomicBoolean(true);
  volatile long expiryTimer = -1;

  Device(ServerWebSocket socket, String userId, long tokenExpiresAt) {
    this.socket = socket;
    this.userId = userId;
    this.tokenExpiresAt = tokenExpiresAt;
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
    socket.writeTextMessage(
        frame,
        written -> {
          pending.decrementAndGet();
          pendingBytes.addAndGet(-bytes);
        });
    return true;
  }

  /** Which of {@code slices} keep-alive slices this connection is pinged in. */
  int pingSlice(int slices) {
    return Math.floorMod(id.hashCode(), slices);
  }

  void ping() {
    if (!closing.get()) {
      socket.writePing(PING);
    }
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

  boolean isClosed() {
    return socket.isClosed();
  }

  /**
   * The code of the close frame that ended the connection: the device's answer to the gateway's
   * close, or its own; 1006 (or none) when the connection ended without one.
   */
  Short closeCode() {
    return socket.closeStatusCode();
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
    socket
        .close(reason.code(), reason.reason())
        .onFailure(failure -> LOG.debugf(failure, "Closing %s failed", id));
  }
}
