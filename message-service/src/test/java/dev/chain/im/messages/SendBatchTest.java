package dev.chain.im.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * With one statement of sends in flight, a burst of sends goes to the database in batches
 * (im_send_many): every send still gets its own answer (stored, repeated for a retry, refused for a
 * stranger or an unknown conversation), every conversation and user chain stays gapless, and
 * batches that share members do not deadlock.
 */
@QuarkusTest
@TestProfile(SendBatchTest.OneStatementInFlight.class)
class SendBatchTest extends ApiTestBase {
  private static final int ROUNDS = 12;

  public static class OneStatementInFlight implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("im.sends.in-flight", "1", "im.sends.batch-size", "16");
    }
  }

  @TestHTTPResource("/")
  URI base;

  @Inject MeterRegistry registry;

  private final HttpClient http = HttpClient.newHttpClient();

  private record Send(String user, String conversation, String clientMsgId, String text) {}

  @Test
  void aBurstIsSentInBatchesAndEverySendGetsItsOwnAnswer() {
    String alice = id("alice"), bob = id("bob"), carol = id("carol"), dave = id("dave");
    String stranger = id("erin");
    String groupA = id("batch-a"), groupB = id("batch-b"), direct = id("batch-ad");
    Map<String, List<String>> members =
        Map.of(
            groupA, List.of(alice, bob, carol),
            groupB, List.of(dave, bob, carol),
            direct, List.of(alice, dave));
    members.forEach(
        (conversation, group) ->
            create(group.get(0), conversation, Map.of("members", group.subList(1, group.size()))));
    List.of(alice, bob, carol, dave, stranger).forEach(ApiTestBase::token);
    double batchesBefore = batches().count();

    List<Send> sends = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      for (Map.Entry<String, List<String>> conversation : members.entrySet()) {
        for (String user : conversation.getValue()) {
          sends.add(
              new Send(user, conversation.getKey(), user + "-" + round, "r" + round + " " + user));
        }
      }
    }
    Send retried = new Send(alice, groupA, "twice", "once only");
    Send refused = new Send(stranger, groupA, "stranger", "let me in");
    Send nowhere = new Send(alice, id("no-such"), "nowhere", "hello?");
    sends.add(retried);
    sends.add(refused);
    sends.add(nowhere);
    sends.add(retried);

    List<CompletableFuture<HttpResponse<String>>> answers =
        sends.stream().map(this::sendAsync).toList();
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();

    Map<String, Integer> stored = new HashMap<>();
    List<String> retriedIds = new ArrayList<>();
    List<Integer> retriedStatuses = new ArrayList<>();
    for (int i = 0; i < sends.size(); i++) {
      Send send = sends.get(i);
      HttpResponse<String> answer = answers.get(i).join();
      if (send == refused) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
      } else if (send == nowhere) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
      } else if (send == retried) {
        retriedStatuses.add(answer.statusCode());
        retriedIds.add(new JsonPath(answer.body()).getString("message.id"));
      } else {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        JsonPath message = new JsonPath(answer.body());
        assertThat(message.getString("message.content.text")).isEqualTo(send.text());
        assertThat(message.getString("message.senderId")).isEqualTo(send.user());
        stored.merge(send.conversation(), 1, Integer::sum);
      }
    }
    assertThat(retriedStatuses).containsExactlyInAnyOrder(201, 200);
    assertThat(retriedIds.get(0)).isEqualTo(retriedIds.get(1));
    stored.merge(groupA, 1, Integer::sum);

    members.forEach(
        (conversation, group) -> {
          List<String> texts = conversationTexts(group.get(0), conversation);
          assertThat(texts).as(conversation).hasSize(stored.get(conversation));
          assertThat(texts).doesNotContain("let me in");
        });
    for (String user : List.of(alice, bob, carol, dave)) {
      List<Map<String, Object>> chain = chain(user);
      long expected =
          members.entrySet().stream()
              .filter(conversation -> conversation.getValue().contains(user))
              .mapToLong(conversation -> stored.get(conversation.getKey()))
              .sum();
      assertThat(chain)
          .extracting(entry -> ((Number) entry.get("seq")).longValue())
          .as("seqs of %s", user)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, chain.size()).boxed().toList());
      assertThat(chain.stream().filter(entry -> "message".equals(entry.get("kind"))).count())
          .as("messages on %s's chain", user)
          .isEqualTo(expected);
    }
    assertThat(chain(stranger)).noneMatch(entry -> "message".equals(entry.get("kind")));

    double statements = batches().count() - batchesBefore;
    assertThat(batches().max()).as("the largest batch").isGreaterThan(1);
    assertThat(statements).as("statements for %d sends", sends.size()).isLessThan(sends.size());
  }

  private DistributionSummary batches() {
    return registry.get("im.messages.send.batch.size").summary();
  }

  private CompletableFuture<HttpResponse<String>> sendAsync(Send send) {
    return sendAsync(http, base, send.user(), send.conversation(), send.clientMsgId(), send.text());
  }
}
