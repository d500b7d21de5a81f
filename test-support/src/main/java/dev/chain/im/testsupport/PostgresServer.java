package dev.chain.im.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL: a Testcontainers one where Docker runs, otherwise the embedded binaries from
 * Maven Central. Optionally keeps its data in a folder, so a restart sees the same database.
 */
public final class PostgresServer implements AutoCloseable {
  private static final String DATABASE = "postgres";
  private static final String USER = "postgres";
  private static final String PASSWORD = "postgres";

  private final String host;
  private final int port;
  private final Path dataDirectory;
  private final boolean durable;
  private AutoCloseable running;

  private PostgresServer(
      AutoCloseable running, String host, int port, Path dataDirectory, boolean durable) {
    this.running = running;
    this.host = host;
    this.port = port;
    this.dataDirectory = dataDirectory;
    this.durable = durable;
  }

  /** Starts a throwaway server, in a container when Docker is there. */
  public static PostgresServer start() {
    if (Docker.available()) {
      PostgreSQLContainer container =
          new PostgreSQLContainer("postgres:16-alpine")
              .withDatabaseName(DATABASE)
              .withUsername(USER)
              .withPassword(PASSWORD);
      container.start();
      return new PostgresServer(
          container::stop, container.getHost(), container.getFirstMappedPort(), null, true);
    }
    // Tests trade durability for speed: a throwaway database need not survive a power cut.
    return startEmbedded(null, 0, false);
  }

  /**
   * Starts the embedded binaries; with a data folder the database outlives the process. A durable
   * server flushes every commit to disk before it answers ({@code fsync}, {@code
   * synchronous_commit}, {@code full_page_writes} on, as PostgreSQL's own defaults); the embedded
   * binaries' defaults turn the first two off.
   */
  public static PostgresServer startEmbedded(Path dataDirectory, int port, boolean durable) {
    EmbeddedPostgres postgres = embedded(dataDirectory, port, durable);
    return new PostgresServer(postgres, "localhost", postgres.getPort(), dataDirectory, durable);
  }

  private static EmbeddedPostgres embedded(Path dataDirectory, int port, boolean durable) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      String onWhenDurable = durable ? "on" : "off";
      builder.setServerConfig("fsync", onWhenDurable);
      builder.setServerConfig("synchronous_commit", onWhenDurable);
      builder.setServerConfig("full_page_writes", onWhenDurable);
      if (dataDirectory != null) {
        builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
      }
      if (port > 0) {
        builder.setPort(port);
      }
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start embedded PostgreSQL", e);
    }
  }

  public int port() {
    return port;
  }

  public String reactiveUrl() {
    return "postgresql://" + host + ":" + port + "/" + DATABASE;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + DATABASE;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return PASSWORD;
  }

  /** Stops the server; an embedded one with a data folder keeps its data for {@link #restart}. */
  public synchronized void stop() {
    if (running == null) {
      return;
    }
    try {
      running.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop PostgreSQL", e);
    }
    running = null;
  }

  /** Starts a stopped embedded server again on the same port and data folder. */
  public synchronized void restart() {
    if (dataDirectory == null) {
      throw new UnsupportedOperationException(
          "only an embedded server with a data folder restarts");
    }
    if (running == null) {
      running = embedded(dataDirectory, port, durable);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
