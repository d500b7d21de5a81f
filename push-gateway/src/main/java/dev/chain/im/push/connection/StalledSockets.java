package dev.chain.im.push.connection;

import dev.chain.im.push.config.PushConfig;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Drops the TCP connection of a device that stopped reading, through the server's own timeouts. A
 * device that reads nothing never takes its close frame, which waits behind the frames it did not
 * read; so a socket whose writes all stay unfinished for {@code im.push.stalled-write-timeout} is
 * dropped, and one that took the close frame but never answered it is dropped after {@code
 * im.push.close-timeout}. The keep-alive ping gives every healthy socket a write to finish well
 * within the first.
 */
@ApplicationScoped
public class StalledSockets implements HttpServerOptionsCustomizer {
  private final PushConfig config;

  public StalledSockets(PushConfig config) {
    this.config = config;
  }

  @Override
  public void customizeHttpServer(HttpServerOptions options) {
    Duration stalled = config.stalledWriteTimeout();
    options.setWriteIdleTimeout((int) Math.max(1, options.getIdleTimeoutUnit().convert(stalled)));
    options.setWebSocketClosingTimeout((int) Math.max(1, config.closeTimeout().toSeconds()));
  }
}
