package dev.chain.im.push.connection;

import dev.chain.im.push.config.PushConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Pings every connection every {@code im.push.ping-interval}, with one timer for all of them: a
 * device stack answers with a pong, a quiet healthy socket gets a write to finish ({@link
 * StalledSockets}), and idle proxies keep the connection open.
 */
@ApplicationScoped
public class KeepAlive {
  private final Connections connections;
  private final PushConfig config;
  private final Vertx vertx;
  private long timer = -1;

  public KeepAlive(Connections connections, PushConfig config, Vertx vertx) {
    this.connections = connections;
    this.config = config;
    this.vertx = vertx;
  }

  void start(@Observes StartupEvent started) {
    timer = vertx.setPeriodic(config.pingInterval().toMillis(), id -> connections.ping());
  }

  void stop(@Observes ShutdownEvent stopping) {
    vertx.cancelTimer(timer);
  }
}
