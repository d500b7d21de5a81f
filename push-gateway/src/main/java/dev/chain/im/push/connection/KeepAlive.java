package dev.chain.im.push.connection;

import dev.chain.im.push.config.PushConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Pings every connection every {@code im.push.ping-interval}: a device stack answers with a pong, a
 * quiet healthy socket gets a write to finish ({@link StalledSockets}), and idle proxies keep the
 * connection open. One timer ticks about once a second and pings one slice of the connections, so
 * that 18,000 connections are not all pinged (and all answer) in the same moment, which held pushes
 * back by seconds.
 */
@ApplicationScoped
public class KeepAlive {
  private static final long TICK_MILLIS = 1000;

  private final Connections connections;
  private final PushConfig config;
  private final Vertx vertx;
  private long timer = -1;
  private long ticks;

  public KeepAlive(Connections connections, PushConfig config, Vertx vertx) {
    this.connections = connections;
    this.config = config;
    this.vertx = vertx;
  }

  void start(@Observes StartupEvent started) {
    long interval = config.pingInterval().toMillis();
    int slices = (int) Math.max(1, interval / TICK_MILLIS);
    timer =
        vertx.setPeriodic(
            interval / slices, id -> connections.ping((int) (ticks++ % slices), slices));
  }

  void stop(@Observes ShutdownEvent stopping) {
    vertx.cancelTimer(timer);
  }
}
