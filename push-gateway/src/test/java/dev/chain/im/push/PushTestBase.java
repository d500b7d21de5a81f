package dev.chain.im.push;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.protocol.chain.Message;
import dev.chain.im.protocol.push.Delivery;
import dev.chain.im.protocol.push.Topics;
import dev.chain.im.push.connection.Connections;
import dev.chain.im.testsupport.GroupMember;
import dev.chain.im.testsupport.KafkaResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.restassured.RestAssured;
import io.smallrye.jwt.build.Jwt;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the gateway tests: the module's one Kafka broker, a plain producer that writes records as
 * message-service does, tokens signed with the dev key, and real WebSocket clients. Each test names
 * its users with a fresh suffix, since the tests share the gateway.
 */
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
abstract class PushTestBase {
  static final String TOPIC = Topics.DELIVERIES;
  static final String EPOCH = "epoch-1";

  /** The partitions of the deliveries topic on the test broker. */
  static final int PARTITIONS = 12;

  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final OffsetDateTime SENT_AT = OffsetDateTime.parse("2026-12-03T12:00:00Z");
  private static KafkaProducer<String, String> producer;

  protected final String run = UUID.randomUUID().toString().substring(0, 8);

  protected String user(String name) {
    return name + "-" + run;
  }

  /** Records are read from the newest offset, so tests start once partitions are assigned. */
  @BeforeEach
  void awaitReady() {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> given().get("/q/health/ready").statusCode() == 200);
  }

  /**
   * Waits until another group member holds some partitions and this gateway the others (and both
   * hold at least one: mid-rebalance one of them may briefly hold all).
   */
  static void awaitSharedWith(GroupMember rival, Connections connections) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                !rival.owned().isEmpty()
                    && connections.ownedPartitions() > 0
                    && rival.owned().size() + connections.ownedPartitions() == PARTITIONS);
  }

  /** A new user, named after {@code name}, whose partition the rival holds. */
  String userOwnedBy(GroupMember rival, String name) {
    return IntStream.range(0, 500)
        .mapToObj(i -> user(name + i))
        .filter(user -> rival.owned().contains(partition(user)))
        .findFirst()
        .orElseThrow();
  }

  /** The partition of the deliveries topic that a user's records go to. */
  static int partition(String userId) {
    return BuiltInPartitioner.partitionForKey(userId.getBytes(StandardCharsets.UTF_8), PARTITIONS);
  }

  static synchronized KafkaProducer<String, String> producer() {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  KafkaResource.server().bootstrapServers(),
                  ProducerConfig.ACKS_CONFIG,
                  "all",
                  ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                  "1000000"),
              new StringSerializer(),
              new StringSerializer());
    }
    return producer;
  }

  /** A record value as message-service writes it: a message entry on the user's chain. */
  static String delivery(String userId, long seq, String text) {
    return delivery(userId, seq, messageId(userId + "/" + seq), userId, text);
  }

  /**
   * A message entry of {@code senderId}'s message on {@code userId}'s chain, as message-service
   * writes it (the AsyncAPI document's Delivery).
   */
  static String delivery(String userId, long seq, String messageId, String senderId, String text) {
    Message message =
        new Message(
            messageId,
            "team-" + userId,
            seq,
            senderId,
            null,
            SENT_AT,
            Map.of("text", text),
            "normal",
            null,
            null,
            null);
    try {
      return JSON.writeValueAsString(
          new Delivery(userId, EPOCH, seq, ChainEntry.message(seq, message)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A message id (a UUID, as message-service makes them) that a test can name. */
  static String messageId(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The frame the protocol promises for a record value. */
  static String frameOf(String value) {
    return "{\"type\":\"entry\"," + value.substring(1);
  }

  /** Publishes one record and waits for Kafka to take it, so records keep their order. */
  static void publish(String userId, String value) {
    publish(new ProducerRecord<>(TOPIC, userId, value));
  }

  static void publish(ProducerRecord<String, String> record) {
    try {
      producer().send(record).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not publish", e);
    }
  }

  static String token(String userId) {
    return Jwt.issuer("im-dev")
        .audience("im")
        .subject(userId)
        .expiresIn(Duration.ofHours(1))
        .sign();
  }

  static URI wsUri() {
    return URI.create("ws://localhost:" + RestAssured.port + "/v1/ws");
  }

  static URI wsUri(String accessToken) {
    return URI.create(
        wsUri() + "?access_token=" + URLEncoder.encode(accessToken, StandardCharsets.UTF_8));
  }

  static Consumer<WebSocket.Builder> bearer(String token) {
    return builder -> builder.header("Authorization", "Bearer " + token);
  }

  /** Opens a device of the user with a bearer header and takes its hello frame. */
  static TestSocket device(String userId) {
    TestSocket socket = TestSocket.open(wsUri(), bearer(token(userId)));
    String hello = socket.next();
    if (!hello.contains("\"type\":\"hello\"")) {
      throw new AssertionError("expected hello, got " + hello);
    }
    return socket;
  }
}
