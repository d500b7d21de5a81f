package dev.chain.im.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Reactions: members who see a message add and take back reactions, idempotently; a message carries
 * its reactions as each reader sees them, and every current member gets a {@code reaction} entry
 * for each change.
 */
@QuarkusTest
class ReactionTest extends ApiTestBase {
  private static final String THUMBS_UP = "\uD83D\uDC4D";

  @Test
  void membersReactAndEveryoneSeesTheCountsAndWhetherTheyReacted() {
    String alice = id("alice"), bob = id("bob"), carol = id("carol");
    String conversation = id("react");
    create(alice, conversation, Map.of("members", List.of(bob, carol)));
    long seq = send(alice, conversation, "lunch?");

    assertThat(shown(react(bob, conversation, seq, THUMBS_UP)))
        .containsExactly(THUMBS_UP + " 1 me");
    assertThat(shown(react(carol, conversation, seq, THUMBS_UP)))
        .containsExactly(THUMBS_UP + " 2 me");
    assertThat(shown(react(alice, conversation, seq, "party")))
        .containsExactly(THUMBS_UP + " 2", "party 1 me");
    assertThat(shown(react(bob, conversation, seq, THUMBS_UP)))
        .as("reacting again changes nothing")
        .containsExactly(THUMBS_UP + " 2 me", "party 1");
    assertThat(shown(unreact(bob, conversation, seq, THUMBS_UP)))
        .containsExactly(THUMBS_UP + " 1", "party 1");
    assertThat(shown(unreact(bob, conversation, seq, THUMBS_UP)))
        .containsExactly(THUMBS_UP + " 1", "party 1");

    assertThat(reactionsOnPage(alice, conversation))
        .containsExactly(THUMBS_UP + " 1", "party 1 me");
    assertThat(reactionsOnPage(carol, conversation))
        .containsExactly(THUMBS_UP + " 1 me", "party 1");
    assertThat(summary(carol, conversation).getList("lastMessage.reactions.reaction"))
        .containsExactly(THUMBS_UP, "party");

    List<Map<String, Object>> alices = chain(alice);
    assertThat(alices.stream().filter(entry -> "reaction".equals(entry.get("kind"))))
        .as("one entry per change, none for the repeats")
        .extracting(
            entry -> entry.get("userId") + " " + entry.get("reaction") + " " + entry.get("change"))
        .containsExactly(
            bob + " " + THUMBS_UP + " added",
            carol + " " + THUMBS_UP + " added",
            alice + " party added",
            bob + " " + THUMBS_UP + " removed");
    assertThat(alices.stream().filter(entry -> "message".equals(entry.get("kind"))))
        .extracting(entry -> (Object) ((Map<?, ?>) entry.get("message")).get("reactions"))
        .as("a pulled message entry has the reactions as its reader sees them")
        .containsExactly(
            (Object)
                List.of(
                    Map.of("reaction", THUMBS_UP, "count", 1, "me", false),
                    Map.of("reaction", "party", "count", 1, "me", true)));

    List<ConsumerRecord<String, String>> records =
        deliveries(
            record ->
                record.key().equals(carol) && record.value().contains("\"kind\":\"reaction\""),
            4);
    assertThat(records).hasSize(4);
    assertThat(records.get(0).value()).contains("\"messageSeq\":" + seq, "\"change\":\"added\"");
  }

  @Test
  void onlyVisibleMessagesOfOnesConversationsAndOnlyShortReactions() {
    String alice = id("alice"), bob = id("bob"), outsider = id("outsider");
    String conversation = id("react");
    create(alice, conversation, Map.of("members", List.of(bob)));
    long seq = send(alice, conversation, "hello");
    long recalled = send(alice, conversation, "oops");
    recall(alice, conversation, recalled).then().statusCode(200);
    delete(bob, conversation, seq).then().statusCode(204);
    int chainLength = chain(alice).size();

    refused(react(alice, conversation, seq, "x".repeat(33)), 400)
        .body("detail", containsString("1-32"));
    refused(react(alice, conversation, seq, "a\tb"), 400);
    refused(react(outsider, conversation, seq, "ok"), 403);
    refused(react(alice, conversation, 99, "ok"), 404);
    refused(react(bob, conversation, seq, "ok"), 404); // deleted for bob
    refused(react(alice, conversation, recalled, "ok"), 409);
    refused(react(alice, id("nowhere"), 1, "ok"), 404);
    assertThat(chain(alice)).as("refusals write nothing").hasSize(chainLength);
  }

  @Test
  void aMessageHasAtMostTheConfiguredNumberOfDistinctReactions() {
    String alice = id("alice"), bob = id("bob");
    String conversation = id("react");
    create(alice, conversation, Map.of("members", List.of(bob)));
    long seq = send(alice, conversation, "vote");
    IntStream.rangeClosed(1, 50)
        .forEach(n -> react(alice, conversation, seq, "r" + n).then().statusCode(200));

    refused(react(alice, conversation, seq, "r51"), 409)
        .body("detail", containsString("im.reactions.per-message"));
    assertThat(shown(react(bob, conversation, seq, "r7")))
        .as("one of those still may be added")
        .hasSize(50)
        .contains("r7 2 me");
  }

  private static Response react(String user, String conversation, long seq, String reaction) {
    return as(user)
        .put(
            "/v1/conversations/{cid}/messages/{seq}/reactions/{reaction}",
            conversation,
            seq,
            reaction);
  }

  private static Response unreact(String user, String conversation, long seq, String reaction) {
    return as(user)
        .delete(
            "/v1/conversations/{cid}/messages/{seq}/reactions/{reaction}",
            conversation,
            seq,
            reaction);
  }

  /** The reactions of an answer, each as "reaction count" and " me" when the caller reacted. */
  private static List<String> shown(Response response) {
    return described(response.then().statusCode(200).extract().jsonPath(), "reactions");
  }

  private static List<String> reactionsOnPage(String user, String conversation) {
    JsonPath page =
        as(user)
            .get("/v1/conversations/{cid}/messages", conversation)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    return described(page, "messages[0].reactions");
  }

  private static List<String> described(JsonPath json, String path) {
    List<Map<String, Object>> reactions = json.getList(path);
    return reactions.stream()
        .map(
            r ->
                r.get("reaction")
                    + " "
                    + r.get("count")
                    + (Boolean.TRUE.equals(r.get("me")) ? " me" : ""))
        .toList();
  }
}
