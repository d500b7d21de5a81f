package dev.chain.im.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chain.im.protocol.chain.ChainEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestApiTest {
  private FakeImServer server;
  private ImTransport transport;

  @BeforeEach
  void start() throws Exception {
    server = new FakeImServer();
    transport = ImTransport.create(server.options());
  }

  @AfterEach
  void stop() throws Exception {
    transport.close();
    server.close();
  }

  @Test
  void devTokenNamesItsUser() {
    RestApi api = transport.api(transport.devToken("alice").join());

    assertThat(api.token()).isEqualTo(FakeImServer.GOOD_TOKEN);
    assertThat(api.userId()).isEqualTo("alice");
  }

  @Test
  void theWholeChainIsPulledPageByPage() {
    for (int i = 0; i < 7; i++) {
      server.append();
    }
    RestApi api = transport.api(FakeImServer.GOOD_TOKEN);

    List<ChainEntry> chain = api.chainAfter(2, 2).join();

    assertThat(chain).extracting(ChainEntry::seq).containsExactly(3L, 4L, 5L, 6L, 7L);
    assertThat(server.syncCalls()).isEqualTo(3);
  }

  @Test
  void aSendIsCreatedOnceAndARetryAnswersTheFirstResult() {
    RestApi api = transport.api(FakeImServer.GOOD_TOKEN);

    SendResult first = api.send("c1", "c-1", Map.of("text", "hi", "n", 1)).join();
    SendResult retry = api.sendText("c1", "c-1", "something else").join();

    assertThat(first.created()).isTrue();
    assertThat(first.message().text()).isEqualTo("hi");
    assertThat(first.message().content().get("n")).isEqualTo(1);
    assertThat(retry.created()).isFalse();
    assertThat(retry.message()).isEqualTo(first.message());
  }

  @Test
  void aNon2xxAnswerCarriesStatusAndProblem() {
    RestApi api = transport.api(FakeImServer.GOOD_TOKEN);

    assertThatThrownBy(() -> api.markRead("secret", 3).join())
        .satisfies(
            error -> {
              ApiException problem = (ApiException) RestApi.unwrap(error);
              assertThat(problem.status()).isEqualTo(403);
              assertThat(problem.detail()).isEqualTo("Members only.");
              assertThat(problem.problem().title()).isEqualTo("Forbidden");
              assertThat(problem.path()).isEqualTo("/v1/conversations/secret/read");
            });
    assertThatThrownBy(() -> transport.api("bad").sync(0, 10).join())
        .hasCauseInstanceOf(ApiException.class)
        .hasMessageContaining("401");
  }

  @Test
  void anEmptyAnswerIsFine() {
    assertThat(transport.api(FakeImServer.GOOD_TOKEN).deleteForMe("c1", 1).join()).isNull();
  }

  @Test
  void pathSegmentsAreEncoded() {
    assertThat(RestApi.segment("1:2:3")).isEqualTo("1:2:3");
    assertThat(RestApi.segment("a b/c?é")).isEqualTo("a%20b%2Fc%3F%C3%A9");
  }
}
