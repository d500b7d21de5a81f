package dev.chain.im.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/conversations}: pages by last activity, and unread counts kept by the writes
 * (send, read mark, recall, delete, join, leave) that must equal the unread rule at every step.
 */
@QuarkusTest
class ConversationListTest extends ApiTestBase {

  @Test
  void pagesFollowTheLastActivityNewestFirst() {
    String user = id("lister");
    List<String> created = new ArrayList<>();
    for (int n = 1; n <= 5; n++) {
      String conversation = id("list" + n);
      create(user, conversation, Map.of());
      created.add(conversation);
    }
    send(user, created.get(1), "brings list2 to the top");

    JsonPath first = page(user, null, 2);
    assertThat(first.getList("conversations.id")).containsExactly(created.get(1), created.get(4));
    assertThat(first.getBoolean("hasMore")).isTrue();
    JsonPath second = page(user, first.getString("next"), 2);
    assertThat(second.getList("conversations.id")).containsExactly(created.get(3), created.get(2));
    JsonPath last = page(user, second.getString("next"), 2);
    assertThat(last.getList("conversations.id")).containsExactly(created.get(0));
    assertThat(last.getBoolean("hasMore")).isFalse();
    assertThat(last.getString("next")).isNull();
    assertThat(page(user, null, 500).getList("conversations.id")).hasSize(5);
  }

  @Test
  void aCursorOrLimitTheServiceDidNotHandOutIsRefused() {
    String user = id("lister");
    for (String cursor : List.of("not a cursor", "Zm9v", "eDpmb28")) {
      as(user)
          .queryParam("after", cursor)
          .get("/v1/conversations")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    for (String limit : List.of("0", "501", "x")) {
      as(user).queryParam("limit", limit).get("/v1/conversations").then().statusCode(400);
    }
  }

  @Test
  void unreadFollowsSendsReadsRecallsDeletesAndMembership() {
    String alice = id("alice");
    String bob = id("bob");
    String carol = id("carol");
    String conversation = id("counted");
    create(alice, conversation, Map.of("members", List.of(bob), "access", "invite"));

    send(alice, conversation, "m1");
    send(alice, conversation, "m2");
    send(alice, conversation, "m3");
    assertThat(unread(bob, conversation)).isEqualTo(3);
    assertThat(unread(alice, conversation)).isZero();

    send(bob, conversation, "b4");
    assertThat(unread(bob, conversation)).as("a send reads up to it").isZero();
    assertThat(unread(alice, conversation)).isEqualTo(1);

    send(alice, conversation, "m5");
    send(alice, conversation, "m6");
    send(alice, conversation, "m7");
    assertThat(unread(bob, conversation)).isEqualTo(3);

    recall(alice, conversation, 6).then().statusCode(200);
    recall(alice, conversation, 6).then().statusCode(200);
    assertThat(unread(bob, conversation)).as("recalled once, counted once").isEqualTo(2);

    delete(bob, conversation, 5).then().statusCode(204);
    delete(bob, conversation, 5).then().statusCode(204);
    delete(bob, conversation, 4).then().statusCode(204);
    assertThat(unread(bob, conversation)).as("only 7 is left").isEqualTo(1);
    assertThat(unread(alice, conversation)).as("bob's delete is his alone").isZero();

    markRead(bob, conversation, 5);
    assertThat(unread(bob, conversation)).isEqualTo(1);
    markRead(bob, conversation, 7);
    assertThat(unread(bob, conversation)).isZero();

    as(alice)
        .put("/v1/conversations/{cid}/members/{uid}", conversation, carol)
        .then()
        .statusCode(200);
    assertThat(unread(carol, conversation)).as("full history: 1-5 and 7").isEqualTo(6);
    leave(carol, conversation);
    send(alice, conversation, "m8");
    recall(alice, conversation, 1).then().statusCode(200);
    as(alice)
        .put("/v1/conversations/{cid}/members/{uid}", conversation, carol)
        .then()
        .statusCode(200);
    assertThat(unread(carol, conversation))
        .as("counted again on return: 2-5, 7 and 8")
        .isEqualTo(6);
  }

  @Test
  void sinceJoinCountsOnlyWhatTheMemberWasThereFor() {
    String alice = id("alice");
    String dave = id("dave");
    String conversation = id("since-join");
    create(alice, conversation, Map.of("history", "since_join"));
    send(alice, conversation, "before dave");
    join(dave, conversation);
    assertThat(unread(dave, conversation)).isZero();

    send(alice, conversation, "while dave is there");
    assertThat(unread(dave, conversation)).isEqualTo(1);
    leave(dave, conversation);
    send(alice, conversation, "while dave is away");
    join(dave, conversation);
    assertThat(unread(dave, conversation)).as("his first stay only").isEqualTo(1);
    send(alice, conversation, "after dave is back");
    assertThat(unread(dave, conversation)).isEqualTo(2);
  }

  @Test
  void concurrentSendsAndReadMarksKeepTheCountExact() throws Exception {
    String alice = id("alice");
    String bob = id("bob");
    String conversation = id("busy");
    create(alice, conversation, Map.of("members", List.of(bob)));

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (String user : List.of(alice, bob)) {
        work.add(pool.submit(() -> sendAndRead(user, conversation, new Random(user.hashCode()))));
        work.add(pool.submit(() -> sendAndRead(user, conversation, new Random(~user.hashCode()))));
      }
      for (Future<?> done : work) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }

    for (String user : List.of(alice, bob)) {
      JsonPath summary = summary(user, conversation);
      long readSeq = summary.getLong("readSeq");
      List<Map<String, Object>> messages =
          as(user)
              .queryParam("after", readSeq)
              .queryParam("limit", 500)
              .get("/v1/conversations/{cid}/messages", conversation)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("messages");
      long othersAfterRead = messages.stream().filter(m -> !user.equals(m.get("senderId"))).count();
      assertThat(summary.getLong("unread")).as("unread of %s", user).isEqualTo(othersAfterRead);
    }
  }

  private static void sendAndRead(String user, String conversation, Random random) {
    for (int n = 0; n < 25; n++) {
      long seq = send(user, conversation, user + " " + n);
      if (random.nextBoolean()) {
        markRead(user, conversation, Math.max(1, seq - random.nextInt(3)));
      }
    }
  }

  private static long unread(String user, String conversation) {
    return summary(user, conversation).getLong("unread");
  }

  private static JsonPath page(String user, String after, int limit) {
    var request = as(user).queryParam("limit", limit);
    if (after != null) {
      request.queryParam("after", after);
    }
    return request.get("/v1/conversations").then().statusCode(200).extract().jsonPath();
  }
}
