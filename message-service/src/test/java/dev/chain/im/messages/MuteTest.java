package dev.chain.im.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.chain.im.protocol.push.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A member's mute setting: their own, shown in their list, refused to others, and carried on the
 * records of the messages sent while it is on, so that no gateway notifies them.
 */
@QuarkusTest
class MuteTest extends ApiTestBase {
  @Test
  void aMemberMutesAndUnmutesAndOnlyTheirListShowsIt() {
    String alice = id("alice"), bob = id("bob");
    String conversation = id("mute");
    create(alice, conversation, Map.of("members", List.of(bob)));
    assertThat(summary(bob, conversation).getBoolean("muted")).isFalse();

    mute(bob, conversation, true)
        .then()
        .statusCode(200)
        .body("conversationId", equalTo(conversation))
        .body("muted", equalTo(true));
    assertThat(summary(bob, conversation).getBoolean("muted")).isTrue();
    assertThat(summary(alice, conversation).getBoolean("muted")).isFalse();

    mute(bob, conversation, false).then().statusCode(200).body("muted", equalTo(false));
    assertThat(summary(bob, conversation).getBoolean("muted")).isFalse();
  }

  @Test
  void refusalsSayWhatToDo() {
    String alice = id("alice"), outsider = id("outsider");
    String conversation = id("mute");
    create(alice, conversation, Map.of());

    refused(as(alice).body(Map.of()).put("/v1/conversations/{cid}/settings", conversation), 400)
        .body("detail", containsString("muted"));
    refused(
        as(alice)
            .body("{\"muted\":\"loud\"}")
            .put("/v1/conversations/{cid}/settings", conversation),
        400);
    refused(mute(outsider, conversation, true), 403);
    refused(mute(alice, id("nowhere"), true), 404);
    refused(mute(alice, "bad id!", true), 400);
    assertThat(summary(alice, conversation).getBoolean("muted")).isFalse();
  }

  @Test
  void theRecordsOfMessagesToAMutedMemberAreMarked() {
    String alice = id("alice"), bob = id("bob"), carol = id("carol");
    String conversation = id("mute");
    create(alice, conversation, Map.of("members", List.of(bob, carol)));
    mute(bob, conversation, true).then().statusCode(200);
    send(alice, conversation, "while muted");
    mute(bob, conversation, false).then().statusCode(200);
    send(alice, conversation, "after");

    List<String> members = List.of(alice, bob, carol);
    List<ConsumerRecord<String, String>> messages =
        deliveries(
            record ->
                members.contains(record.key()) && record.value().contains("\"kind\":\"message\""),
            6);
    assertThat(messages)
        .extracting(record -> record.key() + " " + marked(record))
        .containsExactlyInAnyOrder(
            alice + " false",
            bob + " true",
            carol + " false",
            alice + " false",
            bob + " false",
            carol + " false");
    assertThat(messages.stream().filter(record -> record.key().equals(bob)))
        .extracting(MuteTest::marked)
        .as("Bob's records in seq order: muted, then not")
        .containsExactly(true, false);
  }

  private static Response mute(String user, String conversation, boolean muted) {
    return as(user)
        .body(Map.of("muted", muted))
        .put("/v1/conversations/{cid}/settings", conversation);
  }

  private static boolean marked(ConsumerRecord<String, String> record) {
    return record.headers().lastHeader(Topics.MUTED_HEADER) != null;
  }
}
