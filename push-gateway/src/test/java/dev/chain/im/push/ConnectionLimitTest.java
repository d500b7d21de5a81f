package dev.chain.im.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chain.im.push.connection.Connections;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A user has at most {@code im.push.max-connections-per-user} (3 in tests) open connections. */
@QuarkusTest
class ConnectionLimitTest extends PushTestBase {
  @Inject Connections connections;

  @Test
  void oneConnectionTooManyIsRefusedWith429UntilAnotherCloses() {
    String alice = user("alice");
    List<TestSocket> open = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      open.add(device(alice));
    }
    // hello goes out just before the connection joins the index
    await().atMost(Duration.ofSeconds(10)).until(() -> connections.count(alice) == 3);

    assertThat(TestSocket.refusedStatus(wsUri(), bearer(token(alice)))).isEqualTo(429);
    assertThat(connections.count(alice)).isEqualTo(3);
    TestSocket other = device(user("bob"));

    open.remove(0).close();
    await().atMost(Duration.ofSeconds(10)).until(() -> connections.count(alice) == 2);
    open.add(device(alice));
    await().atMost(Duration.ofSeconds(10)).until(() -> connections.count(alice) == 3);
    open.forEach(TestSocket::close);
    other.close();
  }
}
