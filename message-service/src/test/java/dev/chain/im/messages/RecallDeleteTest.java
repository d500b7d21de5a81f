package dev.chain.im.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Level 6: recall for everyone, delete for oneself, and the entries that carry them. */
@QuarkusTest
class RecallDeleteTest extends ApiTestBase {
  @Inject MovableClock clock;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void theSenderRecallsForEveryMember() {
    String alice = id("alice"), bob = id("bob"), carol = id("carol");
    String conversation = id("recall");
    create(alice, conversation, Map.of("members", List.of(bob, carol)));
    send(bob, conversation, "oops");
    send(alice, conversation, "fine");

    recall(bob, conversation, 1).then().statusCode(200);

    for (String member : List.of(alice, bob, carol)) {
      assertThat(
              chain(member).stream()
                  .filter(entry -> "recall".equals(entry.get("kind")))
                  .map(entry -> List.of(entry.get("messageSeq"), entry.get("userId"))))
          .containsExactly(List.of(1, bob));
    }
    var page =
        as(carol).get("/v1/conversations/{cid}/messages", conversation).then().extract().jsonPath();
    assertThat(page.getList("messages.state")).containsExactly("recalled", "normal");
    assertThat(page.getMap("messages[0]"))
        .containsEntry("content", null)
        .containsEntry("recalledBy", bob);
    assertThat(page.getMap("messages[1]")).doesNotContainKey("recalledBy");
    assertThat(summary(carol, conversation).getInt("unread")).isEqualTo(1);
    assertThat(chainTexts(carol)).containsExactly("fine");
  }

  @Test
  void recallTwiceWritesOneEntry() {
    String alice = id("alice");
    String conversation = id("recall-twice");
    create(alice, conversation, Map.of());
    send(alice, conversation, "x");
    recall(alice, conversation, 1).then().statusCode(200);
    recall(alice, conversation, 1).then().statusCode(200);
    assertThat(chain(alice).stream().filter(entry -> "recall".equals(entry.get("kind"))))
        .hasSize(1);
  }

  @Test
  void onlyTheSenderOrTheOwnerMayRecall() {
    String owner = id("owner"), bob = id("bob"), carol = id("carol");
    String conversation = id("recall-rights");
    create(owner, conversation, Map.of("members", List.of(bob, carol)));
    send(bob, conversation, "bob's");
    int carolEntries = chain(carol).size();

    recall(carol, conversation, 1).then().statusCode(403).contentType("application/problem+json");
    assertThat(chain(carol)).hasSize(carolEntries);

    recall(owner, conversation, 1).then().statusCode(200);
    List<Map<String, Object>> after = chain(carol);
    assertThat(after).hasSize(carolEntries + 1);
    assertThat(after.get(after.size() - 1)).containsEntry("userId", owner);
    assertThat(
            as(bob)
                .get("/v1/conversations/{cid}/messages", conversation)
                .then()
                .extract()
                .jsonPath()
                .getString("messages[0].recalledBy"))
        .isEqualTo(owner);
  }

  @Test
  void theSenderMayNotRecallAfterTheWindow() {
    String owner = id("owner"), bob = id("bob");
    String conversation = id("recall-window");
    create(owner, conversation, Map.of("members", List.of(bob)));
    send(bob, conversation, "late");
    clock.advance(Duration.ofMillis(3_500)); // the test profile's im.recall.window is 3 s

    recall(bob, conversation, 1).then().statusCode(403).contentType("application/problem+json");
    assertThat(conversationTexts(owner, conversation)).containsExactly("late");
    recall(owner, conversation, 1).then().statusCode(200);
  }

  @Test
  void recallOfAnUnknownSeqIs404() {
    String alice = id("alice");
    String conversation = id("recall-404");
    create(alice, conversation, Map.of());
    recall(alice, conversation, 7).then().statusCode(404).contentType("application/problem+json");
  }

  @Test
  void deleteHidesForTheDeleterOnly() {
    String alice = id("alice"), bob = id("bob");
    String conversation = id("delete");
    create(alice, conversation, Map.of("members", List.of(bob)));
    send(alice, conversation, "one");
    send(alice, conversation, "two");
    send(alice, conversation, "three");
    int aliceEntries = chain(alice).size();

    delete(bob, conversation, 2).then().statusCode(204);
    delete(bob, conversation, 2).then().statusCode(204);

    assertThat(conversationTexts(bob, conversation)).containsExactly("one", "three");
    assertThat(conversationTexts(alice, conversation)).containsExactly("one", "two", "three");
    assertThat(
            chain(bob).stream()
                .filter(entry -> "delete".equals(entry.get("kind")))
                .map(entry -> entry.get("messageSeq")))
        .containsExactly(2);
    assertThat(chain(alice)).hasSize(aliceEntries);
    assertThat(summary(bob, conversation).getInt("unread")).isEqualTo(2);
  }

  @Test
  void deleteOfAMessageNotVisibleIs404() {
    String alice = id("alice"), bob = id("bob");
    String conversation = id("delete-404");
    create(alice, conversation, Map.of("members", List.of(), "history", "since_join"));
    send(alice, conversation, "before bob");
    join(bob, conversation);
    delete(bob, conversation, 1).then().statusCode(404).contentType("application/problem+json");
    delete(bob, conversation, 9).then().statusCode(404);
  }
}
