package dev.chain.im.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chain.im.protocol.push.Topics;
import dev.chain.im.testsupport.KafkaResource;
import dev.chain.im.testsupport.TopicRecords;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Presence as the gateways record it: asked for users who share a conversation with the caller, and
 * pushed to 1:1 peers when it changes.
 */
@QuarkusTest
class PresenceTest extends ApiTestBase {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void onlyUsersWhoShareAConversationAreListed() throws Exception {
    String alice = id("alice"), bob = id("bob"), carol = id("carol");
    create(bob, id("pair"), Map.of("members", List.of(alice)));
    create(carol, id("alone"), Map.of());
    record(alice, "{\"userId\":\"" + alice + "\",\"online\":true,\"lastSeenAt\":null}");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                as(bob)
                    .queryParam("userIds", alice + "," + carol)
                    .get("/v1/presence")
                    .then()
                    .statusCode(200)
                    .body("presence.userId", org.hamcrest.Matchers.contains(alice))
                    .body("presence[0].online", org.hamcrest.Matchers.equalTo(true)));
  }

  @Test
  void aChangeIsPushedToOneToOnePeersOnly() throws Exception {
    String alice = id("alice"), bob = id("bob"), dave = id("dave"), erin = id("erin");
    create(bob, id("pair"), Map.of("members", List.of(alice)));
    create(dave, id("group"), Map.of("members", List.of(alice, erin)));

    record(
        alice,
        "{\"userId\":\"" + alice + "\",\"online\":false,\"lastSeenAt\":\"2026-12-03T12:00:00Z\"}");

    List<ConsumerRecord<String, String>> frames =
        TopicRecords.read(
            KafkaResource.server().bootstrapServers(),
            Topics.SIGNALS,
            record -> List.of(bob, dave, erin).contains(record.key()),
            1,
            Duration.ofSeconds(2));
    assertThat(frames).extracting(ConsumerRecord::key).containsExactly(bob);
    JsonNode frame = json.readTree(frames.get(0).value());
    assertThat(frame.get("type").asText()).isEqualTo("presence");
    assertThat(frame.get("userId").asText()).isEqualTo(alice);
    assertThat(frame.get("online").asBoolean()).isFalse();
  }

  @Test
  void theListNamesThePeerOfAConversationOfTwoOnly() {
    String alice = id("alice"), bob = id("bob"), carol = id("carol");
    String pair = id("pair"), group = id("group");
    create(alice, pair, Map.of("members", List.of(bob)));
    create(alice, group, Map.of("members", List.of(bob, carol)));

    assertThat(summary(alice, pair).getString("peerId")).isEqualTo(bob);
    assertThat(summary(bob, pair).getString("peerId")).isEqualTo(alice);
    assertThat(summary(alice, group).getString("peerId")).isNull();

    leave(carol, group);
    assertThat(summary(alice, group).getString("peerId")).isEqualTo(bob);
  }

  @Test
  void badQuestionsAre400() {
    String alice = id("alice");
    refused(as(alice).get("/v1/presence"), 400).body("detail", containsString("userIds"));
    refused(as(alice).queryParam("userIds", "not a user!").get("/v1/presence"), 400);
    String many = IntStream.range(0, 101).mapToObj(n -> "u" + n).collect(Collectors.joining(","));
    refused(as(alice).queryParam("userIds", many).get("/v1/presence"), 400)
        .body("detail", containsString("im.presence.max-users"));
  }

  /** A presence record as a gateway writes it. */
  private static void record(String userId, String value) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.server().bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(Topics.PRESENCE, userId, value)).get(30, TimeUnit.SECONDS);
    }
  }
}
