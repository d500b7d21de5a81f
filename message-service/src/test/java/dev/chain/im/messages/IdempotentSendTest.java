package dev.chain.im.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A retry with the same clientMsgId returns the first result and writes nothing more. */
@QuarkusTest
class IdempotentSendTest extends ApiTestBase {

  @Test
  void aRetryReturnsTheFirstMessageWithNoSecondCopy() {
    String alice = id("alice"), bob = id("bob");
    String conversation = id("retry");
    create(alice, conversation, Map.of("members", List.of(bob)));
    Map<String, Object> body = Map.of("clientMsgId", "c-1", "content", Map.of("text", "hi"));

    JsonPath first = sendRaw(alice, conversation, body, 201);
    JsonPath retry = sendRaw(alice, conversation, body, 200);

    assertThat(retry.getString("message.id")).isEqualTo(first.getString("message.id"));
    assertThat(retry.getLong("message.seq")).isEqualTo(1);
    assertThat(retry.getString("message.content.text")).isEqualTo("hi");
    assertThat(retry.getString("message.clientMsgId")).isEqualTo("c-1");
    assertThat(chainTexts(alice)).containsExactly("hi");
    assertThat(chainTexts(bob)).containsExactly("hi");
    assertThat(summary(bob, conversation).getLong("lastSeq")).isEqualTo(1);
  }

  @Test
  void theSameClientMsgIdWithOtherContentIsAConflict() {
    String alice = id("alice"), bob = id("bob");
    String conversation = id("retry-other");
    create(alice, conversation, Map.of("members", List.of(bob)));
    sendRaw(
        alice, conversation, Map.of("clientMsgId", "c-1", "content", Map.of("text", "hi")), 201);
    int bobEntries = chain(bob).size();

    JsonPath conflict =
        sendRaw(
            alice,
            conversation,
            Map.of("clientMsgId", "c-1", "content", Map.of("text", "bye")),
            409);

    assertThat(conflict.getString("detail")).contains("'c-1' was already used");
    assertThat(chain(bob)).hasSize(bobEntries);
    assertThat(chainTexts(alice)).containsExactly("hi");
  }

  @Test
  void aRetryOfARecalledMessageAnswersTheRecalledMessage() {
    String alice = id("alice");
    String conversation = id("retry-recalled");
    create(alice, conversation, Map.of());
    Map<String, Object> body = Map.of("clientMsgId", "c-1", "content", Map.of("text", "oops"));
    sendRaw(alice, conversation, body, 201);
    as(alice)
        .post("/v1/conversations/{cid}/messages/{seq}/recall", conversation, 1)
        .then()
        .statusCode(200);

    JsonPath retry = sendRaw(alice, conversation, body, 200);

    assertThat(retry.getString("message.state")).isEqualTo("recalled");
    assertThat(retry.getLong("message.seq")).isEqualTo(1);
  }

  @Test
  void theSameClientMsgIdFromAnotherSenderIsAnotherMessage() {
    String alice = id("alice"), bob = id("bob");
    String conversation = id("retry-two");
    create(alice, conversation, Map.of("members", List.of(bob)));
    Map<String, Object> body = Map.of("clientMsgId", "same", "content", Map.of("text", "x"));
    sendRaw(alice, conversation, body, 201);
    sendRaw(bob, conversation, body, 201);
    assertThat(chainTexts(alice)).containsExactly("x", "x");
  }

  private static JsonPath sendRaw(
      String user, String conversation, Map<String, Object> body, int status) {
    return as(user)
        .body(body)
        .post("/v1/conversations/{cid}/messages", conversation)
        .then()
        .statusCode(status)
        .extract()
        .jsonPath();
  }
}
