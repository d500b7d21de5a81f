package dev.chain.im.push.connection;

import dev.chain.im.protocol.push.CloseCodes;
import dev.chain.im.push.config.PushConfig;
import dev.chain.im.push.frame.Frames;
import dev.chain.im.push.metrics.PushMetrics;
import dev.chain.im.push.presence.PresencePublisher;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.jboss.logging.Logger;

/**
 * The open connections, indexed by user: a record reaches exactly its user's devices without a look
 * at anybody else's. A gateway serves the users whose partition of the deliveries topic it
 * consumes; a connection of anyone else is closed with {@link CloseCodes#MOVED}. Every write is
 * non-blocking and bounded per connection; a device that falls too far behind is closed (1013) and
 * recovers by reconnecting and pulling.
 */
// A singleton, not application-scoped: it is called per frame, and a client proxy showed in
// profiles.
@Singleton
public class Connections {
  private static final Logger LOG = Logger.getLogger(Connections.class);
  static final CloseReason TOO_SLOW =
      new CloseReason(CloseCodes.TRY_AGAIN_LATER, CloseCodes.TOO_SLOW_REASON);
  static final CloseReason TOKEN_EXPIRED =
      new CloseReason(CloseCodes.POLICY, CloseCodes.TOKEN_EXPIRED_REASON);
  static final CloseReason MOVED = new CloseReason(CloseCodes.MOVED, CloseCodes.MOVED_REASON);

  private final ConcurrentHashMap<String, Set<Device>> byUser = new ConcurrentHashMap<>();
  private final PushConfig config;
  private final PushMetrics metrics;
  private final Vertx vertx;
  private final PresencePublisher presence;

  /** Guards the ownership below, and joins the index with it, so no move misses a connection. */
  private final Object ownership = new Object();

  private final Set<Device> waiting = new HashSet<>();
  private final Set<Integer> owned = new HashSet<>();
  private int partitionCount;

  public Connections(
      PushConfig config, PushMetrics metrics, Vertx vertx, PresencePublisher presence) {
    this.config = config;
    this.metrics = metrics;
    this.vertx = vertx;
    this.presence = presence;
  }

  /**
   * Admits a new connection if this gateway consumes its user's partition, closes it with {@link
   * CloseCodes#MOVED} if another one does, or keeps it waiting until the first assignment: a {@code
   * hello} promises that every entry produced after it is pushed, which holds only once the
   * consumer reads the user's partition from a fixed position.
   */
  void opened(ServerWebSocket socket, String userId, long tokenExpiresAt) {
    Device device = new Device(socket, userId, tokenExpiresAt);
    socket.closeHandler(closed -> closed(device));
    synchronized (ownership) {
      if (partitionCount == 0) {
        waiting.add(device);
      } else {
        admitOrMove(device);
      }
    }
  }

  /**
   * The consumer reads these partitions, of {@code partitionCount}, from fixed positions from now
   * on: their users' connections are admitted here.
   */
  public void owning(Collection<Integer> partitions, int partitionCount) {
    synchronized (ownership) {
      owned.addAll(partitions);
      this.partitionCount = partitionCount;
      waiting.forEach(this::admitOrMove);
      waiting.clear();
    }
  }

  /**
   * The consumer no longer reads these partitions: their users are served by another gateway now,
   * so their connections are closed with {@link CloseCodes#MOVED}.
   */
  public void released(Collection<Integer> partitions) {
    List<Device> moved = new ArrayList<>();
    synchronized (ownership) {
      owned.removeAll(partitions);
      byUser.forEach(
          (userId, devices) -> {
            if (partitions.contains(partitionOf(userId))) {
              moved.addAll(devices);
            }
          });
      moved.forEach(device -> unregister(device, true));
    }
    for (Device device : moved) {
      if (device.startClosing()) {
        metrics.closedMoved();
        device.close(MOVED);
      }
    }
  }

  /** How many partitions this gateway consumes, so how many of their users it serves. */
  public int ownedPartitions() {
    synchronized (ownership) {
      return owned.size();
    }
  }

  private int partitionOf(String userId) {
    return BuiltInPartitioner.partitionForKey(
        userId.getBytes(StandardCharsets.UTF_8), partitionCount);
  }

  private void admitOrMove(Device device) {
    if (owned.contains(partitionOf(device.userId))) {
      admit(device);
    } else if (device.startClosing()) {
      device.unregister(); // it never joined the index
      metrics.closedMoved();
      device.close(MOVED);
    }
  }

  /**
   * Sends {@code hello} and puts the connection in the index. The frame is handed to the socket
   * before the connection joins the index, so it always comes first; from then on the connection
   * receives every record consumed, so a client that pulls after {@code hello} misses nothing.
   */
  private void admit(Device device) {
    String userId = device.userId;
    device.send(Frames.hello(userId, device.id.toString()), Integer.MAX_VALUE, Long.MAX_VALUE);
    boolean[] first = {false};
    byUser.compute(
        userId,
        (user, devices) -> {
          Set<Device> set = devices == null ? ConcurrentHashMap.newKeySet() : devices;
          set.add(device);
          first[0] = set.size() == 1;
          return set;
        });
    metrics.connectionOpened();
    if (first[0]) {
      presence.online(userId);
    }
    if (config.closeOnTokenExpiry() && device.tokenExpiresAt > 0) {
      long delay = Math.max(1, device.tokenExpiresAt * 1000 - System.currentTimeMillis());
      device.expiryTimer = vertx.setTimer(delay, id -> tokenExpired(device));
    }
    if (device.isClosed()) {
      closed(device); // it closed while being admitted
    }
  }

  private void closed(Device device) {
    if (stoppedWaiting(device)) {
      return;
    }
    if (device.isClosing() && ended(device.closeCode())) {
      metrics.dropped();
    }
    if (device.expiryTimer >= 0) {
      vertx.cancelTimer(device.expiryTimer);
    }
    unregister(device, false);
  }

  private boolean stoppedWaiting(Device device) {
    synchronized (ownership) {
      return waiting.remove(device);
    }
  }

  /**
   * Hands a frame to every open connection of a user, in call order per connection. Returns how
   * many connections took it.
   */
  public int push(String userId, String frame) {
    Set<Device> devices = byUser.get(userId);
    if (devices == null) {
      return 0;
    }
    int maxFrames = config.maxPendingFrames();
    long maxBytes = config.maxPendingBytes();
    int written = 0;
    for (Device device : devices) {
      if (device.send(frame, maxFrames, maxBytes)) {
        written++;
      } else if (!device.isClosing()) {
        tooSlow(device);
      }
    }
    return written;
  }

  /** Pings slice {@code slice} of {@code slices} of the connections that receive pushes. */
  void ping(int slice, int slices) {
    byUser
        .values()
        .forEach(
            devices ->
                devices.forEach(
                    device -> {
                      if (device.pingSlice(slices) == slice) {
                        device.ping();
                      }
                    }));
  }

  /** How many connections of this user receive pushes. */
  public int count(String userId) {
    Set<Device> devices = byUser.get(userId);
    return devices == null ? 0 : devices.size();
  }

  private void tooSlow(Device device) {
    if (!device.startClosing()) {
      return;
    }
    unregister(device, false);
    metrics.closedSlow();
    LOG.infof(
        "Closing connection %s of %s: %d frames, %d bytes pending",
        device.id, device.userId, device.pending(), device.pendingBytes());
    device.close(TOO_SLOW);
  }

  private void tokenExpired(Device device) {
    if (!device.startClosing()) {
      return;
    }
    unregister(device, false);
    metrics.closedTokenExpired();
    device.close(TOKEN_EXPIRED);
  }

  /**
   * Whether a connection the gateway was closing ended without the device's close frame: it never
   * took the close, and {@link StalledSockets} dropped it.
   */
  private static boolean ended(Short code) {
    return code == null || code == CloseCodes.ABNORMAL_CLOSURE;
  }

  /** Drops a connection from the index; {@code moving}: its user is served elsewhere now. */
  private void unregister(Device device, boolean moving) {
    if (!device.unregister()) {
      return;
    }
    boolean[] last = {false};
    byUser.computeIfPresent(
        device.userId,
        (user, devices) -> {
          devices.remove(device);
          last[0] = devices.isEmpty();
          return devices.isEmpty() ? null : devices;
        });
    metrics.connectionClosed();
    if (last[0] && !moving) {
      presence.offline(device.userId);
    }
  }
}
