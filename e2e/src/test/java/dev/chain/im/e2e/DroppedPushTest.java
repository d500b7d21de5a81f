package dev.chain.im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chain.im.client.AppliedEntry;
import dev.chain.im.client.ChainFollower;
import dev.chain.im.client.ChainRecorder;
import dev.chain.im.client.ImTransport;
import dev.chain.im.client.PushedFrame;
import dev.chain.im.client.RestApi;
import dev.chain.im.protocol.push.EntryFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A device whose socket loses every third pushed frame: the client rule sees each gap by its
 * prevSeq, pulls, and ends with every entry once and in order.
 */
class DroppedPushTest extends StackTestBase {
  private final ObjectMapper mapper = ImTransport.newMapper();

  @Test
  void pushesThatNeverArriveAreFilledByThePull() throws Exception {
    String alice = id("alice"), bob = id("bob");
    RestApi bobApi = api(bob);
    ChainRecorder recorder = new ChainRecorder();
    ChainFollower follower = new ChainFollower(recorder);
    AtomicInteger frames = new AtomicInteger();
    AtomicInteger dropped = new AtomicInteger();
    CountDownLatch hello = new CountDownLatch(1);

    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", "Bearer " + bobApi.token())
            .buildAsync(
                URI.create(stack.gatewayWebSocketUrl()),
                new JsonFrames(
                    mapper,
                    frame -> {
                      if ("hello".equals(frame.path("type").asText())) {
                        hello.countDown();
                      } else if (frames.incrementAndGet() % 3 == 0) {
                        dropped.incrementAndGet();
                      } else {
                        follower.onPushed(
                            new PushedFrame(
                                mapper.convertValue(frame, EntryFrame.class),
                                System.nanoTime(),
                                Instant.now()));
                      }
                    }))
            .get(30, TimeUnit.SECONDS);
    assertThat(hello.await(30, TimeUnit.SECONDS)).isTrue();
    follower.onPulled(await(bobApi.sync(0, 200)));

    String conversation = id("lossy");
    await(api(alice).createConversation(conversation, List.of(bob), null, null));
    for (int n = 1; n <= 15; n++) {
      send(api(alice), conversation, "m" + n);
    }
    long head = head(bob);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              if (follower.needsPull()) {
                follower.onPulled(await(bobApi.sync(follower.lastSeq(), 200)));
              }
              return follower.lastSeq() >= head;
            });
    socket.abort();

    assertThat(head).isEqualTo(16);
    assertThat(dropped.get()).isEqualTo(5);
    assertThat(recorder.seqs())
        .containsExactlyElementsOf(
            List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L));
    assertThat(recorder.entries().stream().filter(e -> e.source() == AppliedEntry.Source.PULL))
        .hasSize(5);
    assertThat(follower.stats().gaps()).isEqualTo(5);
    assertThat(recorder.messages())
        .extracting(m -> m.text())
        .containsExactly(
            "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12", "m13", "m14",
            "m15");
  }
}
