package dev.chain.im.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Writes past a user's bucket are refused with 429 and Retry-After, and store nothing. */
@QuarkusTest
@TestProfile(RateLimitTest.SmallBuckets.class)
class RateLimitTest extends ApiTestBase {
  public static class SmallBuckets implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "im.rate-limits.sends-per-minute", "3",
          "im.rate-limits.read-marks-per-minute", "2",
          "im.rate-limits.reactions-per-minute", "2",
          "im.rate-limits.typing-per-minute", "2");
    }
  }

  @Test
  void theFourthSendInAMinuteIsRefusedAndOthersStillSend() {
    String alice = id("alice"), bob = id("bob");
    String conversation = id("limited");
    create(alice, conversation, Map.of("members", List.of(bob)));
    for (int i = 1; i <= 3; i++) {
      send(alice, conversation, "m" + i);
    }

    String retryAfter =
        as(alice)
            .body(Map.of("content", Map.of("text", "m4")))
            .post("/v1/conversations/{cid}/messages", conversation)
            .then()
            .statusCode(429)
            .contentType("application/problem+json")
            .extract()
            .header("Retry-After");

    assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
    assertThat(chainTexts(bob)).containsExactly("m1", "m2", "m3");
    send(bob, conversation, "bob's own bucket");
  }

  @Test
  void readMarksHaveABucketOfTheirOwn() {
    String carol = id("carol");
    String conversation = id("reads");
    create(carol, conversation, Map.of());
    send(carol, conversation, "one");
    for (int i = 0; i < 2; i++) {
      as(carol)
          .body(Map.of("seq", 1))
          .post("/v1/conversations/{cid}/read", conversation)
          .then()
          .statusCode(200);
    }
    as(carol)
        .body(Map.of("seq", 1))
        .post("/v1/conversations/{cid}/read", conversation)
        .then()
        .statusCode(429)
        .header("Retry-After", org.hamcrest.Matchers.notNullValue());
  }

  @Test
  void reactionsHaveABucketOfTheirOwnAndARefusedOneChangesNothing() {
    String dave = id("dave");
    String conversation = id("reactions");
    create(dave, conversation, Map.of());
    send(dave, conversation, "vote");
    String path = "/v1/conversations/{cid}/messages/{seq}/reactions/{reaction}";
    as(dave).put(path, conversation, 1, "yes").then().statusCode(200);
    as(dave).put(path, conversation, 1, "no").then().statusCode(200);
    refused(as(dave).put(path, conversation, 1, "maybe"), 429)
        .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    assertThat(
            as(dave)
                .get("/v1/conversations/{cid}/messages", conversation)
                .then()
                .extract()
                .jsonPath()
                .getList("messages[0].reactions.reaction"))
        .containsExactly("yes", "no");
  }

  @Test
  void typingHasABucketOfItsOwn() {
    String erin = id("erin");
    String conversation = id("typing");
    create(erin, conversation, Map.of());
    for (int i = 0; i < 2; i++) {
      as(erin).post("/v1/conversations/{cid}/typing", conversation).then().statusCode(204);
    }
    refused(as(erin).post("/v1/conversations/{cid}/typing", conversation), 429)
        .header("Retry-After", org.hamcrest.Matchers.notNullValue());
  }
}
