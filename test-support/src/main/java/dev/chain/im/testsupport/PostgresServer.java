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

  private final AutoCloseable running;
  private final String host;
  private final int port;

  private PostgresServer(AutoCloseable running, String host, int port) {
    this.running = running;
    this.host = host;
    this.port = port;
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
          container::stop, container.getHost(), container.getFirstMappedPort());
    }
    return startEmbedded(null, 0);
  }

  /** Starts the embedded binaries; with a data folder the database outlives the process. */
  public static PostgresServer startEmbedded(Path dataDirectory, int port) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (dataDirectory != null) {
        builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
      }
      if (port > 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres postgres = builder.start();
      return new PostgresServer(postgres, "localhost", postgres.getPort());
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

  @Override
  public void close() {
    try {
      running.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop PostgreSQL", e);
    }
  }
}
