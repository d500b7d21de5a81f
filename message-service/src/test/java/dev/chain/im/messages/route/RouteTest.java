package dev.chain.im.messages.route;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.chain.im.messages.ApiTestBase;
import dev.chain.im.testsupport.GroupMember;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/route} names the gateway that consumes the caller's partition, as the gateways'
 * consumer group says, and answers 503 while nobody does.
 */
@QuarkusTest
class RouteTest extends ApiTestBase {
  private static final int PARTITIONS = 12;
  private static final String A = "ws://gateway-a.test:8081/v1/ws";
  private static final String B = "ws://gateway-b.test:8081/v1/ws";

  @Test
  void eachUserIsSentToTheGatewayThatConsumesTheirPartition() throws Exception {
    try (GroupMember a = GroupMember.join(GroupMember.GATEWAYS, A);
        GroupMember b = GroupMember.join(GroupMember.GATEWAYS, B)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  !a.owned().isEmpty()
                      && !b.owned().isEmpty()
                      && a.owned().size() + b.owned().size() == PARTITIONS);
      Map<String, Integer> answeredBy = new HashMap<>();
      for (int i = 0; i < 20; i++) {
        String user = id("user" + i);
        int partition = partition(user);
        String expected = a.owned().contains(partition) ? A : B;
        JsonPath route = as(user).get("/v1/route").then().statusCode(200).extract().jsonPath();
        assertThat(route.getInt("partition")).as(user).isEqualTo(partition);
        assertThat(route.getString("url")).as(user).isEqualTo(expected);
        answeredBy.merge(expected, 1, Integer::sum);
      }
      assertThat(answeredBy.keySet()).as("both gateways serve someone").isEqualTo(Set.of(A, B));
    }
  }

  @Test
  void withoutAGatewayTheAnswerIs503WithRetryAfter() {
    as(id("alice"))
        .get("/v1/route")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .header("Retry-After", "1")
        .body("detail", containsString("No push-gateway serves partition"));
  }

  @Test
  void theCallerMustSignIn() {
    given().get("/v1/route").then().statusCode(401);
  }

  private static int partition(String userId) {
    return BuiltInPartitioner.partitionForKey(userId.getBytes(StandardCharsets.UTF_8), PARTITIONS);
  }
}
