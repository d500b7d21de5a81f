package dev.chain.im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chain.im.testsupport.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The stack's PostgreSQL (as `bin/im-local` and the benchmark run it) flushes every commit before
 * it answers, so a send acknowledged with 201 survives a crash.
 */
class DurableStackTest extends StackTestBase {

  @Test
  void theStacksPostgresqlIsDurable() throws Exception {
    PostgresServer postgres = stack.postgres();
    try (Connection connection =
            DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        Statement statement = connection.createStatement()) {
      assertThat(setting(statement, "fsync")).isEqualTo("on");
      assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
      assertThat(setting(statement, "full_page_writes")).isEqualTo("on");
    }
  }

  private static String setting(Statement statement, String name) throws Exception {
    try (ResultSet result = statement.executeQuery("show " + name)) {
      result.next();
      return result.getString(1);
    }
  }
}
