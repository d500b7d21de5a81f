package dev.chain.im.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chain.im.protocol.push.CloseCodes;
import dev.chain.im.push.connection.Connections;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A device that stops reading is closed once its pending frames pass {@code
 * im.push.max-pending-frames} (20 in tests), while the user's other device keeps receiving; if it
 * does not answer the close either, its TCP connection is dropped: once no write to it has finished
 * for {@code im.push.stalled-write-timeout} (5 seconds in tests), or {@code im.push.close-timeout}
 * (3 seconds) after its close frame went out.
 */
@QuarkusTest
class SlowDeviceTest extends PushTestBase {
  private static final String BIG_TEXT = "x".repeat(64 * 1024);
  private static final int MAX_RECORDS = 2000;
  private static final int ROUND = 10;

  @Inject Connections connections;

  /** Two devices of one user; the stalled one has been closed for slowness. */
  private record Stalled(TestSocket stalled, TestSocket reading, long lastSeq) {}

  private Stalled stallOneOfTwoDevices(String userId) {
    double closedBefore = Metrics.value("im_push_connections_closed_slow_total");
    TestSocket stalled = TestSocket.open(wsUri(), bearer(token(userId)), false);
    TestSocket reading = device(userId);
    await().atMost(Duration.ofSeconds(10)).until(() -> connections.count(userId) == 2);

    // Rounds of big entries, each read by the reading device before the next, until the socket
    // buffers towards the stalled device are full and its pending frames pass the limit.
    long seq = 0;
    while (connections.count(userId) == 2) {
      assertThat(seq)
          .as("records sent before the stalled device was closed")
          .isLessThan(MAX_RECORDS);
      for (int i = 0; i < ROUND; i++) {
        seq++;
        publish(userId, delivery(userId, seq, BIG_TEXT));
      }
      for (long expected = seq - ROUND + 1; expected <= seq; expected++) {
        assertThat(reading.nextJson().get("seq").asLong()).isEqualTo(expected);
      }
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(Metrics.value("im_push_connections_closed_slow_total"))
                    .isEqualTo(closedBefore + 1));
    String after = delivery(userId, seq + 1, "still here");
    publish(userId, after);
    assertThat(reading.next()).isEqualTo(frameOf(after));
    assertThat(connections.count(userId)).isEqualTo(1);
    return new Stalled(stalled, reading, seq);
  }

  /** Whether the device read a close frame: a close code other than the JDK's 1006 for none. */
  private static boolean closedWithAFrame(TestSocket socket) {
    return socket.closed.isDone()
        && !socket.closed.isCompletedExceptionally()
        && socket.closed.join() != CloseCodes.ABNORMAL_CLOSURE;
  }

  /** What the stalled device had: hello, then a gapless run of entries, fewer than were sent. */
  private static void assertGaplessPrefix(TestSocket stalled, long sent) throws Exception {
    assertThat(JSON.readTree(stalled.frames.poll()).get("type").asText()).isEqualTo("hello");
    long expected = 1;
    for (String frame : stalled.frames) {
      JsonNode json = JSON.readTree(frame);
      assertThat(json.get("type").asText()).isEqualTo("entry");
      assertThat(json.get("seq").asLong()).isEqualTo(expected++);
    }
    assertThat(expected - 1).isLessThan(sent);
  }

  @Test
  void aDeviceThatStopsReadingIsClosedWith1013AndTheOtherKeepsReceiving() throws Exception {
    Stalled run = stallOneOfTwoDevices(user("alice"));

    run.stalled().startReading();

    assertThat(run.stalled().closed.get(20, TimeUnit.SECONDS)).isEqualTo(1013);
    assertThat(run.stalled().closeReason()).contains("reconnect and pull");
    assertGaplessPrefix(run.stalled(), run.lastSeq());
    run.reading().close();
  }

  @Test
  void aDeviceThatDoesNotTakeTheCloseIsDropped() throws Exception {
    double droppedBefore = Metrics.value("im_push_connections_dropped_total");
    Stalled run = stallOneOfTwoDevices(user("bob"));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(Metrics.value("im_push_connections_dropped_total"))
                    .isEqualTo(droppedBefore + 1));
    run.stalled().startReading();

    // The gateway ended the connection itself (the counter moves only once its socket closed).
    await().atMost(Duration.ofSeconds(10)).until(() -> !run.stalled().frames.isEmpty());
    // The device may still read the close frame if it reached its buffers before the drop: then
    // it is the gateway's 1013, never a normal close.
    if (closedWithAFrame(run.stalled())) {
      assertThat(run.stalled().closed.join()).isEqualTo(CloseCodes.TRY_AGAIN_LATER);
    }
    assertGaplessPrefix(run.stalled(), run.lastSeq());
    run.reading().close();
  }
}
