package dev.chain.im.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Many senders at once into overlapping conversations: every chain stays gapless with no duplicate,
 * every send is stored once, and no request fails (no deadlock error).
 */
@QuarkusTest
class ConcurrentSendTest extends ApiTestBase {
  private static final int USERS = 8;
  private static final int CONVERSATIONS = 6;
  private static final int SENDS_PER_USER = 30;

  @TestHTTPResource("/")
  URI base;

  @Test
  void parallelSendsKeepEveryChainGaplessAndComplete() {
    List<String> users = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      users.add(id("user" + u));
    }
    Map<String, List<String>> members = new HashMap<>();
    for (int c = 0; c < CONVERSATIONS; c++) {
      List<String> group = new ArrayList<>();
      for (int k = 0; k < 4; k++) {
        group.add(users.get((c + k * 2) % USERS));
      }
      String conversation = id("conc" + c);
      create(group.get(0), conversation, Map.of("members", group.subList(1, group.size())));
      members.put(conversation, group);
    }

    HttpClient http = HttpClient.newHttpClient();
    List<CompletableFuture<Void>> senders = new ArrayList<>();
    Map<String, Integer> sentTo = new HashMap<>();
    for (String user : users) {
      List<String> mine =
          members.entrySet().stream()
              .filter(e -> e.getValue().contains(user))
              .map(Map.Entry::getKey)
              .sorted()
              .toList();
      List<String> targets = new ArrayList<>();
      for (int n = 0; n < SENDS_PER_USER; n++) {
        targets.add(mine.get(n % mine.size()));
      }
      targets.forEach(t -> sentTo.merge(t, 1, Integer::sum));
      senders.add(sendAll(http, user, targets));
    }
    CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).join();

    Map<String, Integer> expectedMessages = new HashMap<>();
    members.forEach(
        (conversation, group) ->
            group.forEach(u -> expectedMessages.merge(u, sentTo.get(conversation), Integer::sum)));
    for (String user : users) {
      List<Map<String, Object>> chain = chain(user);
      assertThat(chain)
          .extracting(entry -> ((Number) entry.get("seq")).longValue())
          .as("seqs of %s", user)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, chain.size()).boxed().toList());
      Set<Object> messageIds = new HashSet<>();
      long messages =
          chain.stream()
              .filter(entry -> "message".equals(entry.get("kind")))
              .peek(entry -> messageIds.add(((Map<?, ?>) entry.get("message")).get("id")))
              .count();
      assertThat(messages)
          .as("messages on %s's chain", user)
          .isEqualTo(expectedMessages.get(user).longValue());
      assertThat(messageIds).hasSize((int) messages);
    }
    members.forEach(
        (conversation, group) ->
            assertThat(conversationTextsCount(group.get(0), conversation).longValue())
                .isEqualTo(sentTo.get(conversation).longValue()));
  }

  private Long conversationTextsCount(String user, String conversation) {
    List<Integer> seqs =
        as(user)
            .queryParam("after", 0)
            .queryParam("limit", 500)
            .get("/v1/conversations/{cid}/messages", conversation)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("messages.seq");
    assertThat(seqs)
        .containsExactlyElementsOf(
            java.util.stream.IntStream.rangeClosed(1, seqs.size()).boxed().toList());
    return (long) seqs.size();
  }

  /** One sender's messages, one after another; senders run side by side. */
  private CompletableFuture<Void> sendAll(HttpClient http, String user, List<String> targets) {
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (int n = 0; n < targets.size(); n++) {
      String conversation = targets.get(n);
      String clientMsgId = user + "-" + n;
      String text = "n" + n;
      chain =
          chain.thenCompose(
              ignored ->
                  sendAsync(http, base, user, conversation, clientMsgId, text)
                      .thenAccept(
                          response ->
                              assertThat(response.statusCode())
                                  .as(response.body())
                                  .isEqualTo(201)));
    }
    return chain;
  }
}
