package dev.chain.im.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's Level 3 table. A and B talk (1-5); C joins (6-7); B leaves (8-10); B rejoins
 * (11-13); A leaves (14-15). User chains hold what was sent while a member; the conversation pull
 * gives history: C sees 1-5 after joining, B sees 8-10 after rejoining. Under {@code since_join}
 * the pull shows only what was sent while the caller was a member.
 */
@QuarkusTest
class TutorialLevel3Test extends ApiTestBase {
  private String a;
  private String b;
  private String c;
  private String conversation;

  @Test
  void userChainsFollowMembershipAndTheConversationPullGivesFullHistory() {
    playTable("full");

    assertThat(chainTexts(a)).containsExactlyElementsOf(range(1, 13));
    assertThat(chainTexts(b)).containsExactlyElementsOf(concat(range(1, 7), range(11, 15)));
    assertThat(chainTexts(c)).containsExactlyElementsOf(range(6, 15));

    assertThat(conversationTexts(c, conversation)).containsExactlyElementsOf(range(1, 15));
    assertThat(conversationTexts(b, conversation)).containsExactlyElementsOf(range(1, 15));
  }

  @Test
  void sinceJoinShowsOnlyWhatWasSentWhileAMember() {
    playTable("since_join");

    assertThat(conversationTexts(c, conversation)).containsExactlyElementsOf(range(6, 15));
    assertThat(conversationTexts(b, conversation))
        .containsExactlyElementsOf(concat(range(1, 7), range(11, 15)));
    assertThat(chainTexts(b)).containsExactlyElementsOf(concat(range(1, 7), range(11, 15)));
  }

  @Test
  void historySeenAtJoinTimeIsTheFirstFiveMessages() {
    a = id("A");
    b = id("B");
    c = id("C");
    conversation = id("level3-join");
    create(a, conversation, Map.of("members", List.of(b)));
    IntStream.rangeClosed(1, 5).forEach(n -> send(n % 2 == 1 ? a : b, conversation, "m" + n));
    join(c, conversation);

    assertThat(conversationTexts(c, conversation)).containsExactlyElementsOf(range(1, 5));
    assertThat(chainTexts(c)).isEmpty();
  }

  @Test
  void aFormerMemberCannotPullTheConversation() {
    playTable("full");
    as(a)
        .get("/v1/conversations/{cid}/messages", conversation)
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
  }

  @Test
  void membershipEntriesReachEveryMemberAndTheOneWhoLeft() {
    playTable("full");
    List<String> bMemberships =
        chain(b).stream()
            .filter(entry -> "membership".equals(entry.get("kind")))
            .map(entry -> entry.get("userId") + ":" + entry.get("change"))
            .toList();
    assertThat(bMemberships)
        .containsExactly(b + ":joined", c + ":joined", b + ":left", b + ":joined", a + ":left");
  }

  private void playTable(String history) {
    a = id("A");
    b = id("B");
    c = id("C");
    conversation = id("level3");
    create(a, conversation, Map.of("members", List.of(b), "history", history));
    for (int n = 1; n <= 15; n++) {
      if (n == 6) {
        join(c, conversation);
      } else if (n == 8) {
        leave(b, conversation);
      } else if (n == 11) {
        join(b, conversation);
      } else if (n == 14) {
        leave(a, conversation);
      }
      String sender = n >= 14 ? c : n % 2 == 1 ? a : n >= 8 && n <= 10 ? c : b;
      send(sender, conversation, "m" + n);
    }
  }

  private static List<String> range(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(n -> "m" + n).toList();
  }

  private static List<String> concat(List<String> first, List<String> second) {
    return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
  }
}
