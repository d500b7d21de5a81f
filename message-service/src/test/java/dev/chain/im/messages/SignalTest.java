package dev.chain.im.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chain.im.protocol.push.Topics;
import dev.chain.im.testsupport.KafkaResource;
import dev.chain.im.testsupport.TopicRecords;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ephemeral frames: typing and read receipts go to the other members on the signals topic, keyed by
 * recipient, never onto a chain; receipts can be pulled too.
 */
@QuarkusTest
class SignalTest extends ApiTestBase {
  private final ObjectMapper json = new ObjectMapper();

  @Inject MovableClock clock;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void typingReachesTheOtherMembersAtMostOncePerInterval() throws Exception {
    String alice = id("alice"), bob = id("bob"), carol = id("carol");
    String conversation = id("typing");
    create(alice, conversation, Map.of("members", List.of(bob, carol)));
    int alicesChain = chain(alice).size();

    typing(alice, conversation).then().statusCode(204);
    typing(alice, conversation).then().statusCode(204);
    clock.advance(Duration.ofSeconds(3));
    typing(alice, conversation).then().statusCode(204);

    List<ConsumerRecord<String, String>> signals = signals(List.of(alice, bob, carol), 4);
    assertThat(signals)
        .extracting(ConsumerRecord::key)
        .as("two forwarded signals, each to the two others, none to the typist")
        .containsExactlyInAnyOrder(bob, carol, bob, carol);
    JsonNode frame = json.readTree(signals.get(0).value());
    assertThat(frame.get("type").asText()).isEqualTo("typing");
    assertThat(frame.get("conversationId").asText()).isEqualTo(conversation);
    assertThat(frame.get("userId").asText()).isEqualTo(alice);
    assertThat(OffsetDateTime.parse(frame.get("expiresAt").asText())).isAfter(OffsetDateTime.now());
    assertThat(chain(alice)).as("no entry on any chain").hasSize(alicesChain);
    assertThat(chain(bob)).hasSize(1);
  }

  @Test
  void typingIsForMembersOnly() {
    String alice = id("alice"), outsider = id("outsider");
    String conversation = id("typing");
    create(alice, conversation, Map.of());

    refused(typing(outsider, conversation), 403);
    refused(typing(outsider, conversation), 403);
    refused(typing(alice, id("nowhere")), 404);
  }

  @Test
  void aReadPositionThatMovesSendsAReceiptToTheOthers() throws Exception {
    String alice = id("alice"), bob = id("bob"), carol = id("carol");
    String conversation = id("receipts");
    create(alice, conversation, Map.of("members", List.of(bob, carol)));
    send(alice, conversation, "one");
    send(alice, conversation, "two");

    markRead(bob, conversation, 2);
    markRead(bob, conversation, 1); // does not move: no receipt

    List<ConsumerRecord<String, String>> signals = signals(List.of(alice, bob, carol), 2);
    assertThat(signals).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(alice, carol);
    assertThat(json.readTree(signals.get(0).value()))
        .isEqualTo(
            json.readTree(
                "{\"type\":\"receipt\",\"conversationId\":\""
                    + conversation
                    + "\",\"userId\":\""
                    + bob
                    + "\",\"readSeq\":2}"));
  }

  @Test
  void aLargeConversationSendsNoReceiptsItsMembersPullThem() {
    String alice = id("alice");
    List<String> members = IntStream.range(0, 100).mapToObj(n -> id("member" + n)).toList();
    String conversation = id("large");
    create(alice, conversation, Map.of("members", members));
    send(alice, conversation, "hello, all 101");
    markRead(members.get(0), conversation, 1);

    assertThat(signals(List.of(alice), 0)).as("101 members is past the default 100").isEmpty();
    as(alice)
        .queryParam("limit", 2)
        .get("/v1/conversations/{cid}/receipts", conversation)
        .then()
        .statusCode(200)
        .body("receipts", org.hamcrest.Matchers.hasSize(2))
        .body("hasMore", org.hamcrest.Matchers.equalTo(true));
  }

  @Test
  void receiptsArePagedByUserIdForMembersOnly() {
    String alice = id("alice"), bob = id("bob"), carol = id("carol"), outsider = id("outsider");
    String conversation = id("receipts");
    create(alice, conversation, Map.of("members", List.of(bob, carol)));
    send(alice, conversation, "one");
    markRead(carol, conversation, 1);

    String path = "/v1/conversations/{cid}/receipts";
    as(alice)
        .get(path, conversation)
        .then()
        .statusCode(200)
        .body("receipts.userId", org.hamcrest.Matchers.contains(bob, carol))
        .body("receipts.readSeq", org.hamcrest.Matchers.contains(0, 1))
        .body("hasMore", org.hamcrest.Matchers.equalTo(false));
    as(alice)
        .queryParam("limit", 1)
        .get(path, conversation)
        .then()
        .body("receipts.userId", org.hamcrest.Matchers.contains(bob))
        .body("hasMore", org.hamcrest.Matchers.equalTo(true));
    as(alice)
        .queryParam("after", bob)
        .get(path, conversation)
        .then()
        .body("receipts.userId", org.hamcrest.Matchers.contains(carol))
        .body("hasMore", org.hamcrest.Matchers.equalTo(false));
    refused(as(outsider).get(path, conversation), 403);
    refused(as(alice).queryParam("after", "not a user!").get(path, conversation), 400);
  }

  private static io.restassured.response.Response typing(String user, String conversation) {
    return as(user).post("/v1/conversations/{cid}/typing", conversation);
  }

  /** The signals for these users, once {@code count} came and two more seconds passed. */
  private static List<ConsumerRecord<String, String>> signals(List<String> users, int count) {
    return TopicRecords.read(
        KafkaResource.server().bootstrapServers(),
        Topics.SIGNALS,
        record -> users.contains(record.key()),
        count,
        Duration.ofSeconds(2));
  }
}
