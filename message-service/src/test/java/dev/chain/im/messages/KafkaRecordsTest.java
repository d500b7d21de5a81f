package dev.chain.im.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Every entry written on a user chain goes to Kafka once, keyed by its user, in seq order. */
@QuarkusTest
class KafkaRecordsTest extends ApiTestBase {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void everyUserChainEntryIsPublishedInOrderWithItsPrevSeq() throws Exception {
    String alice = id("alice"), bob = id("bob");
    String conversation = id("kafka");
    create(alice, conversation, Map.of("members", List.of(bob)));
    send(alice, conversation, "one");
    send(alice, conversation, "two");
    as(bob).body(Map.of("seq", 2)).post("/v1/conversations/{cid}/read", conversation);
    as(alice).post("/v1/conversations/{cid}/messages/{seq}/recall", conversation, 1);

    List<JsonNode> forBob = new ArrayList<>();
    List<JsonNode> forAlice = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = deliveriesFromTheStart()) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  JsonNode value = json.readTree(record.value());
                  assertThat(value.get("userId").asText()).isEqualTo(record.key());
                  if (record.key().equals(bob)) {
                    forBob.add(value);
                  } else if (record.key().equals(alice)) {
                    forAlice.add(value);
                  }
                }
                return forBob.size() >= 5 && forAlice.size() >= 4;
              });
    }

    assertThat(forBob).extracting(v -> v.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
    JsonNode pulled =
        json.readTree(as(bob).get("/v1/sync?after=0&limit=10").then().extract().body().asString());
    assertThat(forBob)
        .extracting(v -> identity(v.get("entry")))
        .as("the records carry Bob's chain as he pulls it")
        .containsExactlyElementsOf(
            StreamSupport.stream(pulled.get("entries").spliterator(), false)
                .map(KafkaRecordsTest::identity)
                .toList());
    assertThat(forBob)
        .extracting(v -> v.get("entry").get("kind").asText())
        .containsExactly("membership", "message", "message", "read", "recall");
    assertThat(forBob.get(1).get("entry").get("message").get("content").get("text").asText())
        .isEqualTo("one");
    assertThat(forBob)
        .extracting(v -> v.get("epoch").asText())
        .containsOnly(forBob.get(0).get("epoch").asText());
    assertThat(forAlice)
        .extracting(v -> v.get("entry").get("kind").asText())
        .containsExactly("membership", "message", "message", "recall");
  }

  /** An entry's seq, kind and message id: what a later recall leaves as it was. */
  private static String identity(JsonNode entry) {
    return entry.get("seq") + ":" + entry.get("kind").asText() + ":" + entry.at("/message/id");
  }
}
