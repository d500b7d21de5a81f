package dev.chain.im.messages;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chain.im.protocol.push.Topics;
import dev.chain.im.testsupport.KafkaResource;
import dev.chain.im.testsupport.PostgresResource;
import dev.chain.im.testsupport.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Base of the API tests: one PostgreSQL and one Kafka for the whole module, and helpers that speak
 * the protocol. Every exchange is checked against the served OpenAPI document ({@link
 * OpenApiConformance}). Each test names its users and conversations with a fresh suffix, since they
 * share the database.
 */
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
public abstract class ApiTestBase {
  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

  static {
    RestAssured.filters(new OpenApiConformance());
  }

  protected final String run = UUID.randomUUID().toString().substring(0, 8);

  /** A user or conversation id unique to this test. */
  protected String id(String name) {
    return name + "-" + run;
  }

  protected static String token(String userId) {
    return TOKENS.computeIfAbsent(
        userId,
        user ->
            given()
                .contentType(ContentType.JSON)
                .body(Map.of("userId", user))
                .post("/v1/dev/tokens")
                .then()
                .statusCode(200)
                .extract()
                .path("token"));
  }

  /** The management interface of the test app: metrics and the OpenAPI document. */
  static String managementBase() {
    int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    return "http://localhost:" + port;
  }

  protected static RequestSpecification as(String userId) {
    return given().header("Authorization", "Bearer " + token(userId)).contentType(ContentType.JSON);
  }

  protected static void create(String owner, String conversationId, Map<String, Object> body) {
    Map<String, Object> request = new java.util.HashMap<>(body);
    request.put("id", conversationId);
    as(owner).body(request).post("/v1/conversations").then().statusCode(201);
  }

  protected static void join(String userId, String conversationId) {
    as(userId)
        .put("/v1/conversations/{cid}/members/{uid}", conversationId, userId)
        .then()
        .statusCode(200);
  }

  protected static void leave(String userId, String conversationId) {
    as(userId)
        .delete("/v1/conversations/{cid}/members/{uid}", conversationId, userId)
        .then()
        .statusCode(200);
  }

  /** Sends a text and returns the message's seq on the conversation chain. */
  protected static long send(String userId, String conversationId, String text) {
    Number seq =
        as(userId)
            .body(Map.of("content", Map.of("text", text)))
            .post("/v1/conversations/{cid}/messages", conversationId)
            .then()
            .statusCode(201)
            .extract()
            .path("message.seq");
    return seq.longValue();
  }

  /** The whole user chain, pulled page by page. */
  /** A send through the JDK's client, so that many can be in flight at once. */
  protected static CompletableFuture<HttpResponse<String>> sendAsync(
      HttpClient http,
      URI base,
      String user,
      String conversation,
      String clientMsgId,
      String text) {
    String body =
        "{\"clientMsgId\":\"" + clientMsgId + "\",\"content\":{\"text\":\"" + text + "\"}}";
    return http.sendAsync(
        HttpRequest.newBuilder(base.resolve("/v1/conversations/" + conversation + "/messages"))
            .header("Authorization", "Bearer " + token(user))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  protected static List<Map<String, Object>> chain(String userId) {
    List<Map<String, Object>> entries = new java.util.ArrayList<>();
    long after = 0;
    boolean more = true;
    while (more) {
      JsonPath page =
          as(userId)
              .queryParam("after", after)
              .queryParam("limit", 7)
              .get("/v1/sync")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      List<Map<String, Object>> got = page.getList("entries");
      entries.addAll(got);
      more = page.getBoolean("hasMore");
      if (!got.isEmpty()) {
        after = ((Number) got.get(got.size() - 1).get("seq")).longValue();
      }
    }
    return entries;
  }

  /** The texts of the message entries on a user's chain, in chain order, less recalled ones. */
  @SuppressWarnings("unchecked")
  protected static List<String> chainTexts(String userId) {
    return chain(userId).stream()
        .filter(entry -> "message".equals(entry.get("kind")))
        .map(entry -> (Map<String, Object>) entry.get("message"))
        .filter(message -> "normal".equals(message.get("state")))
        .map(message -> (String) ((Map<String, Object>) message.get("content")).get("text"))
        .toList();
  }

  /** The caller's entry for one conversation in {@code GET /v1/conversations}. */
  protected static JsonPath summary(String userId, String conversationId) {
    Map<String, Object> found =
        as(userId)
            .get("/v1/conversations")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("conversations.find { it.id == '" + conversationId + "' }");
    if (found == null) {
      throw new AssertionError(conversationId + " is not in the list of " + userId);
    }
    try {
      return JsonPath.from(new ObjectMapper().writeValueAsString(found));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Checks a refusal: its status, and a problem+json body that repeats it. */
  protected static ValidatableResponse refused(Response response, int status) {
    return response
        .then()
        .statusCode(status)
        .contentType("application/problem+json")
        .body("status", org.hamcrest.Matchers.equalTo(status));
  }

  protected static Response recall(String user, String conversation, long seq) {
    return as(user).post("/v1/conversations/{cid}/messages/{seq}/recall", conversation, seq);
  }

  protected static Response delete(String user, String conversation, long seq) {
    return as(user).delete("/v1/conversations/{cid}/messages/{seq}", conversation, seq);
  }

  protected static long markRead(String user, String conversation, long seq) {
    Number readSeq =
        as(user)
            .body(Map.of("seq", seq))
            .post("/v1/conversations/{cid}/read", conversation)
            .then()
            .statusCode(200)
            .extract()
            .path("readSeq");
    return readSeq.longValue();
  }

  /** The texts a user sees when pulling the conversation from the start. */
  protected static List<String> conversationTexts(String userId, String conversationId) {
    return as(userId)
        .queryParam("after", 0)
        .queryParam("limit", 500)
        .get("/v1/conversations/{cid}/messages", conversationId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("messages.content.text");
  }

  /**
   * The records of the deliveries topic that are wanted, read from its first one until {@code
   * count} came and a second more passed.
   */
  protected static List<ConsumerRecord<String, String>> deliveries(
      Predicate<ConsumerRecord<String, String>> wanted, int count) {
    return TopicRecords.read(
        KafkaResource.server().bootstrapServers(),
        Topics.DELIVERIES,
        wanted,
        count,
        Duration.ofSeconds(1));
  }

  /** A consumer of the deliveries topic from its first record, in a group of its own. */
  protected static KafkaConsumer<String, String> deliveriesFromTheStart() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.server().bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
    consumer.subscribe(List.of(Topics.DELIVERIES));
    return consumer;
  }
}
