package dev.chain.im.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Edit: the sender only, within the window, never a recalled message; the message keeps its seq and
 * gets the new content and {@code editedAt}, and every current member gets an {@code edit} entry,
 * by pull and on Kafka, without a change to unread counts.
 */
@QuarkusTest
class EditTest extends ApiTestBase {
  private final ObjectMapper json = new ObjectMapper();

  @Inject MovableClock clock;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void theSenderEditsAndEveryMemberGetsTheNewContent() throws Exception {
    String alice = id("alice"), bob = id("bob");
    String conversation = id("edit");
    create(alice, conversation, Map.of("members", List.of(bob)));
    long seq = send(alice, conversation, "draft");

    edit(alice, conversation, seq, Map.of("text", "final"))
        .then()
        .statusCode(200)
        .body("message.seq", equalTo((int) seq))
        .body("message.content.text", equalTo("final"))
        .body("message.senderId", equalTo(alice))
        .body("message.editedAt", notNullValue());

    List<Map<String, Object>> bobs = chain(bob);
    assertThat(bobs)
        .extracting(entry -> entry.get("kind"))
        .containsExactly("membership", "message", "edit");
    Map<String, Object> editEntry = bobs.get(2);
    assertThat(editEntry)
        .containsEntry("conversationId", conversation)
        .containsEntry("messageSeq", (int) seq)
        .containsEntry("content", Map.of("text", "final"))
        .containsKey("editedAt");
    assertThat(chainTexts(bob))
        .as("the message entry shows the content as it is now")
        .containsExactly("final");
    assertThat(conversationTexts(bob, conversation)).containsExactly("final");
    assertThat(summary(bob, conversation).getLong("unread"))
        .as("an edit is not a new message")
        .isEqualTo(1);
    assertThat(summary(bob, conversation).getString("lastMessage.editedAt")).isNotNull();

    List<ConsumerRecord<String, String>> records =
        deliveries(
            record -> record.key().equals(bob) && record.value().contains("\"kind\":\"edit\""), 1);
    assertThat(records).hasSize(1);
    JsonNode published = json.readTree(records.get(0).value()).get("entry");
    assertThat(published.get("content").get("text").asText()).isEqualTo("final");
    assertThat(published.get("messageSeq").asLong()).isEqualTo(seq);
  }

  @Test
  void onlyTheSenderWithinTheWindowMayEditAndNeverARecalledMessage() {
    String alice = id("alice"), bob = id("bob"), outsider = id("outsider");
    String conversation = id("edit");
    create(alice, conversation, Map.of("members", List.of(bob)));
    long bobs = send(bob, conversation, "bob's");
    long recalled = send(alice, conversation, "oops");
    recall(alice, conversation, recalled).then().statusCode(200);
    long late = send(alice, conversation, "late");
    int chainLength = chain(bob).size();

    refused(edit(alice, conversation, bobs, Map.of("text", "x")), 403)
        .body("detail", containsString("Only the sender"));
    refused(edit(outsider, conversation, late, Map.of("text", "x")), 403);
    refused(edit(alice, conversation, recalled, Map.of("text", "x")), 409);
    refused(edit(alice, conversation, 99, Map.of("text", "x")), 404);
    refused(edit(alice, id("nowhere"), 1, Map.of("text", "x")), 404);
    clock.advance(Duration.ofMinutes(16));
    refused(edit(alice, conversation, late, Map.of("text", "x")), 403)
        .body("detail", containsString("im.edit.window"));

    assertThat(chain(bob)).as("refused edits write nothing").hasSize(chainLength);
    assertThat(conversationTexts(bob, conversation)).containsExactly("bob's", "late");
  }

  @Test
  void badContentIsRefusedAsForASend() {
    String alice = id("alice");
    String conversation = id("edit");
    create(alice, conversation, Map.of());
    long seq = send(alice, conversation, "hello");

    refused(
            as(alice)
                .body(Map.of())
                .patch("/v1/conversations/{cid}/messages/{seq}", conversation, seq),
            400)
        .body("detail", containsString("content"));
    refused(edit(alice, conversation, seq, Map.of("text", " ")), 400);
    refused(edit(alice, conversation, seq, Map.of("text", "x".repeat(20_000))), 413);
    refused(
        as(alice)
            .body(Map.of("content", Map.of("text", "x")))
            .patch("/v1/conversations/{cid}/messages/{seq}", conversation, "first"),
        400);
    assertThat(conversationTexts(alice, conversation)).containsExactly("hello");
  }

  private static Response edit(
      String user, String conversation, long seq, Map<String, Object> content) {
    return as(user)
        .body(Map.of("content", content))
        .patch("/v1/conversations/{cid}/messages/{seq}", conversation, seq);
  }
}
