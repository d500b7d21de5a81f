package dev.chain.im.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Level 5 and 6: read positions, unread counts, and the read entry on the reader's chain. */
@QuarkusTest
class ReadStateTest extends ApiTestBase {

  @Test
  void ownMessagesAreNeverUnreadAndOthersAreUntilRead() {
    String alice = id("alice"), bob = id("bob");
    String conversation = id("read");
    create(alice, conversation, Map.of("members", List.of(bob)));
    send(alice, conversation, "a1");
    send(alice, conversation, "a2");
    send(bob, conversation, "b3");
    send(alice, conversation, "a4");
    send(bob, conversation, "b5");

    assertThat(summary(alice, conversation).getInt("unread")).isEqualTo(1);
    assertThat(summary(alice, conversation).getLong("readSeq")).isEqualTo(4);
    assertThat(summary(bob, conversation).getInt("unread")).isEqualTo(0);
    assertThat(summary(bob, conversation).getLong("readSeq")).isEqualTo(5);
    assertThat(summary(alice, conversation).getString("lastMessage.content.text")).isEqualTo("b5");
  }

  @Test
  void readPositionNeverGoesBackAndStopsAtTheLastSeq() {
    String alice = id("alice"), bob = id("bob");
    String conversation = id("read-monotonic");
    create(alice, conversation, Map.of("members", List.of(bob)));
    for (int n = 1; n <= 5; n++) {
      send(alice, conversation, "m" + n);
    }
    assertThat(summary(bob, conversation).getInt("unread")).isEqualTo(5);

    assertThat(markRead(bob, conversation, 3)).isEqualTo(3);
    assertThat(summary(bob, conversation).getInt("unread")).isEqualTo(2);
    assertThat(markRead(bob, conversation, 1)).isEqualTo(3);
    assertThat(markRead(bob, conversation, 999)).isEqualTo(5);
    assertThat(summary(bob, conversation).getInt("unread")).isZero();

    List<Object> readEntries =
        chain(bob).stream()
            .filter(entry -> "read".equals(entry.get("kind")))
            .map(entry -> entry.get("readSeq"))
            .toList();
    assertThat(readEntries).containsExactly(3, 5);
    assertThat(chain(alice)).noneMatch(entry -> "read".equals(entry.get("kind")));
  }

  @Test
  void theConversationPullReturnsTheReadPositionAndLastSeq() {
    String alice = id("alice"), bob = id("bob");
    String conversation = id("read-pull");
    create(alice, conversation, Map.of("members", List.of(bob)));
    send(alice, conversation, "one");
    send(alice, conversation, "two");
    markRead(bob, conversation, 1);

    JsonPath page = page(bob, conversation, Map.of());
    assertThat(page.getLong("readSeq")).isEqualTo(1);
    assertThat(page.getLong("lastSeq")).isEqualTo(2);
    assertThat(page.getList("messages.seq")).containsExactly(1, 2);
    assertThat(page.getBoolean("hasMore")).isFalse();
  }

  @Test
  void pagingBackwardWalksTheHistoryNewestPageFirst() {
    String alice = id("alice");
    String conversation = id("paging");
    create(alice, conversation, Map.of());
    for (int n = 1; n <= 7; n++) {
      send(alice, conversation, "m" + n);
    }
    JsonPath latest = page(alice, conversation, Map.of("limit", 3));
    assertThat(latest.getList("messages.seq")).containsExactly(5, 6, 7);
    assertThat(latest.getBoolean("hasMore")).isTrue();
    JsonPath older = page(alice, conversation, Map.of("before", 5, "limit", 3));
    assertThat(older.getList("messages.seq")).containsExactly(2, 3, 4);
    assertThat(older.getBoolean("hasMore")).isTrue();
    JsonPath oldest = page(alice, conversation, Map.of("before", 2, "limit", 3));
    assertThat(oldest.getList("messages.seq")).containsExactly(1);
    assertThat(oldest.getBoolean("hasMore")).isFalse();
  }

  private static JsonPath page(String user, String conversation, Map<String, Object> query) {
    return as(user)
        .queryParams(query)
        .get("/v1/conversations/{cid}/messages", conversation)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
