package dev.chain.im.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** One PostgreSQL per test JVM, handed to Quarkus as datasource configuration. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
  private static PostgresServer server;

  @Override
  public synchronized Map<String, String> start() {
    if (server == null) {
      server = PostgresServer.start();
    }
    return Map.of(
        "quarkus.datasource.reactive.url", server.reactiveUrl(),
        "quarkus.datasource.jdbc.url", server.jdbcUrl(),
        "quarkus.datasource.username", server.user(),
        "quarkus.datasource.password", server.password());
  }

  @Override
  public void stop() {
    // Shared by every test class of the module; the JVM's exit ends it.
  }
}
