package dev.chain.im.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chain.im.client.AppliedEntry.Source;
import dev.chain.im.protocol.chain.Message;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The network half against {@link FakeImServer}: loopback sockets, no services. */
class ChainConnectionTest {
  private FakeImServer server;
  private ImTransport transport;
  private final ChainRecorder recorder = new ChainRecorder();

  @BeforeEach
  void start() throws Exception {
    server = new FakeImServer();
    transport = ImTransport.create(server.options().withSyncPageSize(2));
  }

  @AfterEach
  void stop() throws Exception {
    transport.close();
    server.close();
  }

  @Test
  void catchesUpPageByPageThenFollowsPushes() {
    for (int i = 0; i < 5; i++) {
      server.append();
    }

    ImClient client = connect(FakeImServer.GOOD_TOKEN);

    assertThat(client.lastSeq()).isEqualTo(5);
    assertThat(client.epoch()).isEqualTo("e1");
    assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(client.userId()).isEqualTo("alice");
    assertThat(server.syncCalls()).isEqualTo(3); // 1-2, 3-4, 5
    assertThat(recorder.states())
        .containsExactly(
            ConnectionState.CONNECTING, ConnectionState.SYNCING, ConnectionState.CONNECTED);

    server.appendAndPush();
    server.appendAndPush();
    await(client, 7);

    assertThat(recorder.seqs()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(recorder.entries())
        .extracting(AppliedEntry::source)
        .containsExactly(
            Source.PULL,
            Source.PULL,
            Source.PULL,
            Source.PULL,
            Source.PULL,
            Source.PUSH,
            Source.PUSH);
    Message sixth = recorder.messages().get(5);
    assertThat(sixth.text()).isEqualTo("hi 6");
    assertThat(sixth.sentAt().toInstant()).hasToString("2026-11-26T12:15:06.123Z");
    assertThat(client.connection().helloUserId()).isEqualTo("alice");
    assertThat(server.syncCalls()).isEqualTo(3);
    client.close();
    assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
  }

  @Test
  void aGapInThePushesIsFilledByAPull() {
    ImClient client = connect(FakeImServer.GOOD_TOKEN);
    server.append();
    server.append();
    long third = server.append();

    server.push(third); // 1 and 2 never pushed

    await(client, 3);
    assertThat(recorder.seqs()).containsExactly(1L, 2L, 3L);
    assertThat(recorder.entries())
        .extracting(AppliedEntry::source)
        .containsExactly(Source.PULL, Source.PULL, Source.PUSH);
    assertThat(client.stats().gaps()).isEqualTo(1);
    assertThat(client.stats().applied()).isEqualTo(3);
    client.close();
  }

  @Test
  void reconnectsAfterTheSocketDropsAndPullsWhatItMissed() throws Exception {
    ImClient client = connect(FakeImServer.GOOD_TOKEN);
    server.appendAndPush();
    await(client, 1);

    server.dropConnections();
    server.append(); // written while the client is away: never pushed to it
    server.append();

    await(client, 3);
    waitFor(() -> client.state() == ConnectionState.CONNECTED);
    assertThat(recorder.seqs()).containsExactly(1L, 2L, 3L);
    assertThat(server.handshakes()).isGreaterThanOrEqualTo(2);
    assertThat(recorder.states())
        .containsSubsequence(
            ConnectionState.CONNECTED,
            ConnectionState.RECONNECTING,
            ConnectionState.CONNECTING,
            ConnectionState.SYNCING,
            ConnectionState.CONNECTED);

    server.appendAndPush(); // and the new socket carries pushes
    await(client, 4);
    assertThat(recorder.entries().get(3).source()).isEqualTo(Source.PUSH);
    client.close();
  }

  @Test
  void survivesRepeatedDropsWithoutLosingOrRepeatingAnEntry() throws Exception {
    ImClient client = connect(FakeImServer.GOOD_TOKEN);
    for (int i = 1; i <= 10; i++) {
      server.appendAndPush();
      server.dropConnections();
      server.append();
      await(client, 2L * i);
      waitFor(() -> client.state() == ConnectionState.CONNECTED);
    }
    assertThat(recorder.seqs()).isEqualTo(LongStream.rangeClosed(1, 20).boxed().toList());
    assertThat(server.handshakes()).isGreaterThanOrEqualTo(11); // more if a ping was slow
    client.close();
  }

  @Test
  void aServerThatStopsAnsweringPingsIsReplaced() throws Exception {
    ImClient client = connect(FakeImServer.GOOD_TOKEN);

    server.answerPings(false);
    waitFor(() -> recorder.states().contains(ConnectionState.RECONNECTING));
    server.answerPings(true);

    waitFor(() -> server.handshakes() >= 2 && client.state() == ConnectionState.CONNECTED);
    server.appendAndPush();
    await(client, 1);
    client.close();
  }

  @Test
  void aRejectedTokenFailsTheConnectAndCloses() throws Exception {
    ImClient client = ImClient.create(transport, "bad", null, 0, recorder);

    assertThatThrownBy(() -> client.start().get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(WebSocketHandshakeException.class);
    assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
    // Another thread may still be handing the listener its last change.
    waitFor(() -> recorder.states().contains(ConnectionState.CLOSED));
    assertThat(recorder.states())
        .containsExactly(ConnectionState.CONNECTING, ConnectionState.CLOSED);
    assertThat(server.handshakes()).isZero();
  }

  @Test
  void closeEndsTheSocketAndFailsWaiters() throws Exception {
    ImClient client = connect(FakeImServer.GOOD_TOKEN);
    waitFor(() -> server.openConnections() == 1);
    var waiter = client.awaitSeq(100);

    client.close();

    assertThatThrownBy(waiter::join).isInstanceOf(CompletionException.class);
    waitFor(() -> server.openConnections() == 0);
    assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
    Awaitility.await() // and no reconnect follows
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> server.handshakes() == 1);
  }

  @Test
  void manyClientsShareTheTransport() {
    for (int i = 0; i < 3; i++) {
      server.append();
    }
    ChainRecorder[] recorders = new ChainRecorder[20];
    ImClient[] clients = new ImClient[recorders.length];
    for (int i = 0; i < clients.length; i++) {
      recorders[i] = new ChainRecorder();
      clients[i] =
          ImClient.connect(transport, FakeImServer.GOOD_TOKEN, recorders[i])
              .orTimeout(10, TimeUnit.SECONDS)
              .join();
    }
    for (int i = 0; i < 10; i++) {
      server.appendAndPush();
    }
    for (int i = 0; i < clients.length; i++) {
      await(clients[i], 13);
      assertThat(recorders[i].seqs()).isEqualTo(LongStream.rangeClosed(1, 13).boxed().toList());
      clients[i].close();
    }
  }

  private ImClient connect(String token) {
    return ImClient.connect(transport, token, recorder).orTimeout(10, TimeUnit.SECONDS).join();
  }

  private static void await(ImClient client, long seq) {
    client.awaitSeq(seq).orTimeout(10, TimeUnit.SECONDS).join();
  }

  private static void waitFor(Callable<Boolean> condition) {
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(condition);
  }
}
