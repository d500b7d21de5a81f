package dev.chain.im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chain.im.protocol.push.Topics;
import dev.chain.im.testsupport.TopicRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Through both packaged services: a message to a member with no open connection becomes one offline
 * notification, unless that member muted the conversation; an online member gets none.
 */
class OfflineNotificationTest extends StackTestBase {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void anOfflineMemberIsNotifiedOfEachMessageExceptWhileMuted() throws Exception {
    String alice = id("alice"), bob = id("bob"), carol = id("carol");
    Device carolDevice = connect(carol);
    String conversation = id("notify");
    await(api(alice).createConversation(conversation, List.of(bob, carol), null, null));

    send(api(alice), conversation, "loud");
    assertThat(await(api(bob).mute(conversation, true)).muted()).isTrue();
    send(api(alice), conversation, "quiet");
    await(api(bob).mute(conversation, false));
    send(api(alice), conversation, "loud again");
    assertHoldsItsChain(carolDevice);

    List<JsonNode> notified = notificationsOf(List.of(alice, bob, carol), 2);
    assertThat(notified)
        .extracting(n -> n.get("userId").asText() + ": " + n.get("preview").asText())
        .containsExactly(bob + ": loud", bob + ": loud again");
  }

  private List<JsonNode> notificationsOf(List<String> users, int count) throws Exception {
    List<JsonNode> found = new ArrayList<>();
    for (ConsumerRecord<String, String> record :
        TopicRecords.read(
            stack.kafka().bootstrapServers(),
            Topics.NOTIFICATIONS,
            record -> users.contains(record.key()),
            count,
            Duration.ofSeconds(2))) {
      found.add(json.readTree(record.value()));
    }
    return found;
  }
}
