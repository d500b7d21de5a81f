package dev.chain.im.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Mentions: a message names members in {@code content.mentions} (or {@code @all}, from the owner);
 * their message entries say {@code mentioned}, and the list counts their unread mentions.
 */
@QuarkusTest
class MentionTest extends ApiTestBase {
  @Test
  void aMentionedMemberSeesItOnTheEntryAndInTheUnreadMentions() {
    String alice = id("alice"), bob = id("bob"), carol = id("carol");
    String conversation = id("mentions");
    create(alice, conversation, Map.of("members", List.of(bob, carol)));

    long seq =
        mention(alice, conversation, "hi @bob", List.of(bob))
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("message.seq");

    assertThat(mentionedOnChain(bob)).containsExactly(true);
    assertThat(mentionedOnChain(carol)).containsExactly(false);
    assertThat(mentionedOnChain(alice)).containsExactly(false);
    assertThat(summary(bob, conversation).getLong("unreadMentions")).isEqualTo(1);
    assertThat(summary(carol, conversation).getLong("unreadMentions")).isZero();

    List<ConsumerRecord<String, String>> records =
        deliveries(
            record -> record.key().equals(bob) && record.value().contains("\"kind\":\"message\""),
            1);
    assertThat(records)
        .singleElement()
        .satisfies(r -> assertThat(r.value()).contains("\"mentioned\":true"));

    markRead(bob, conversation, seq);
    assertThat(summary(bob, conversation).getLong("unreadMentions")).isZero();
  }

  @Test
  void theOwnerMentionsEveryoneWithAll() {
    String alice = id("alice"), bob = id("bob"), carol = id("carol");
    String conversation = id("mentions");
    create(alice, conversation, Map.of("members", List.of(bob, carol)));

    mention(alice, conversation, "standup in 5", List.of("@all")).then().statusCode(201);

    assertThat(mentionedOnChain(bob)).containsExactly(true);
    assertThat(mentionedOnChain(carol)).containsExactly(true);
    assertThat(mentionedOnChain(alice)).containsExactly(false);
    assertThat(summary(carol, conversation).getLong("unreadMentions")).isEqualTo(1);
  }

  @Test
  void mentionsOfStrangersOrTooManyOrAllByAMemberAreRefused() {
    String alice = id("alice"), bob = id("bob"), outsider = id("outsider");
    String conversation = id("mentions");
    create(alice, conversation, Map.of("members", List.of(bob)));
    List<String> many = IntStream.range(0, 51).mapToObj(n -> id("u" + n)).toList();

    refused(mention(alice, conversation, "hey", List.of(outsider)), 400)
        .body("detail", containsString(outsider));
    refused(mention(bob, conversation, "everyone!", List.of("@all")), 403)
        .body("detail", containsString("@all"));
    refused(mention(alice, conversation, "so many", many), 400)
        .body("detail", containsString("im.limits.mentions"));
    refused(mention(alice, conversation, "bad", List.of("not a user!")), 400);
    refused(
        as(alice)
            .body(Map.of("content", Map.of("text", "x", "mentions", "bob")))
            .post("/v1/conversations/{cid}/messages", conversation),
        400);
    assertThat(conversationTexts(alice, conversation)).isEmpty();
  }

  private static Response mention(
      String sender, String conversation, String text, List<String> mentions) {
    return as(sender)
        .body(Map.of("content", Map.of("text", text, "mentions", mentions)))
        .post("/v1/conversations/{cid}/messages", conversation);
  }

  /** Whether each message entry on the user's chain says the user is mentioned. */
  private static List<Boolean> mentionedOnChain(String userId) {
    return chain(userId).stream()
        .filter(entry -> "message".equals(entry.get("kind")))
        .map(entry -> Boolean.TRUE.equals(entry.get("mentioned")))
        .toList();
  }
}
