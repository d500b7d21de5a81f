package dev.chain.im.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Creating a conversation publishes the founding members' {@code joined} entries as it commits,
 * like every other write: with the sweep an hour away, only the create itself can publish them.
 */
@QuarkusTest
@TestProfile(CreatePublishesTest.NoSweep.class)
class CreatePublishesTest extends ApiTestBase {
  public static class NoSweep implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("im.delivery.sweep-interval", "PT1H");
    }
  }

  @Test
  void theFoundingMembersJoinedEntriesArePublishedAtOnce() {
    String alice = id("alice"), bob = id("bob"), carol = id("carol");
    String conversation = id("founded");
    create(alice, conversation, Map.of("members", List.of(bob, carol)));

    List<String> published =
        deliveries(
                record -> record.value().contains("\"conversationId\":\"" + conversation + "\""), 3)
            .stream()
            .map(ConsumerRecord::key)
            .toList();

    assertThat(published).containsExactlyInAnyOrder(alice, bob, carol);
  }
}
