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
  private AutoCloseable running;

  private PostgresServer(AutoCloseable running, String host, int port, Path dataDirectory) {
    this.running = running;
    this.host = host;
    this.port = port;
    this.dataDirectory = dataDirectory;
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
          container::stop, container.getHost(), container.getFirstMappedPort(), null);
    }
    return startEmbedded(null, 0);
  }

  /** Starts the embedded binaries; with a data folder the database outlives the process. */
  public static PostgresServer startEmbedded(Path dataDirectory, int port) {
    EmbeddedPostgres postgres = embedded(dataDirectory, port);
    return new PostgresServer(postgres, "localhost", postgres.getPort(), dataDirectory);
  }

  private static EmbeddedPostgres embedded(Path dataDirectory, int port) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
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
      running = embedded(dataDirectory, port);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
