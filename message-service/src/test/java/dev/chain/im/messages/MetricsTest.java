package dev.chain.im.messages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** message-service's own metrics, on the management interface, count what the calls did. */
@QuarkusTest
class MetricsTest extends ApiTestBase {
  private static final List<String> COUNTED =
      List.of(
          "im_messages_sends_total{outcome=\"stored\"}",
          "im_messages_sends_total{outcome=\"repeated\"}",
          "im_messages_send_duration_seconds_count",
          "im_chain_entries_written_total",
          "im_messages_writes_total{kind=\"read\"}",
          "im_messages_writes_total{kind=\"edit\"}",
          "im_messages_writes_total{kind=\"reaction\"}",
          "im_messages_writes_total{kind=\"recall\"}",
          "im_messages_writes_total{kind=\"delete\"}");

  @Test
  void sendsWritesAndTheirEntriesAreCounted() {
    String alice = id("alice"), bob = id("bob"), carol = id("carol");
    String conversation = id("metrics");
    create(alice, conversation, Map.of("members", List.of(bob, carol)));
    Map<String, Double> before = scrape();

    for (int i = 0; i < 2; i++) { // the second is a retry: answered again, not stored
      as(alice)
          .body(Map.of("clientMsgId", "m-1", "content", Map.of("text", "hello")))
          .post("/v1/conversations/{cid}/messages", conversation)
          .then()
          .statusCode(i == 0 ? 201 : 200);
    }
    for (int i = 0; i < 2; i++) { // the second moves nothing: not counted
      as(bob)
          .body(Map.of("seq", 1))
          .post("/v1/conversations/{cid}/read", conversation)
          .then()
          .statusCode(200);
    }
    as(alice)
        .body(Map.of("content", Map.of("text", "hello!")))
        .patch("/v1/conversations/{cid}/messages/1", conversation)
        .then()
        .statusCode(200);
    as(bob)
        .put("/v1/conversations/{cid}/messages/1/reactions/ok", conversation)
        .then()
        .statusCode(200);
    as(carol).delete("/v1/conversations/{cid}/messages/1", conversation).then().statusCode(204);
    as(alice)
        .post("/v1/conversations/{cid}/messages/1/recall", conversation)
        .then()
        .statusCode(200);

    Map<String, Double> after = scrape();
    Map<String, Double> counted = new java.util.LinkedHashMap<>();
    for (String series : COUNTED) {
      counted.put(series, after.getOrDefault(series, 0.0) - before.getOrDefault(series, 0.0));
    }
    // Other tests share the app but not these counters' moments; each call moved its own by one.
    assertThat(counted)
        .containsEntry("im_messages_sends_total{outcome=\"stored\"}", 1.0)
        .containsEntry("im_messages_sends_total{outcome=\"repeated\"}", 1.0)
        .containsEntry("im_messages_send_duration_seconds_count", 2.0)
        .containsEntry("im_messages_writes_total{kind=\"read\"}", 1.0)
        .containsEntry("im_messages_writes_total{kind=\"edit\"}", 1.0)
        .containsEntry("im_messages_writes_total{kind=\"reaction\"}", 1.0)
        .containsEntry("im_messages_writes_total{kind=\"delete\"}", 1.0)
        .containsEntry("im_messages_writes_total{kind=\"recall\"}", 1.0);
    // message ×3, read ×1 (bob's own chain), edit ×3, reaction ×3, delete ×1, recall ×3
    assertThat(counted.get("im_chain_entries_written_total")).isEqualTo(14.0);
    assertThat(after)
        .containsKeys(
            "im_publish_users_behind",
            "im_publish_entries_behind",
            "im_publish_partitions_owned",
            "im_messages_send_batch_size_count");
  }

  /** Every sample of the management interface's Prometheus text, by series. */
  private static Map<String, Double> scrape() {
    String text =
        given().baseUri(managementBase()).port(-1).get("/q/metrics").then().extract().asString();
    Map<String, Double> samples = new java.util.HashMap<>();
    Matcher sample = Pattern.compile("(?m)^(im_[^ ]+) ([0-9.eE+-]+)$").matcher(text);
    while (sample.find()) {
      samples.put(sample.group(1), Double.parseDouble(sample.group(2)));
    }
    return samples;
  }
}
