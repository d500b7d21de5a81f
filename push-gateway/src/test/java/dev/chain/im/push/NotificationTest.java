package dev.chain.im.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.protocol.push.Delivery;
import dev.chain.im.protocol.push.Topics;
import dev.chain.im.push.connection.Connections;
import dev.chain.im.testsupport.GroupMember;
import dev.chain.im.testsupport.KafkaResource;
import dev.chain.im.testsupport.TopicRecords;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A message entry consumed while its user has no open connection becomes exactly one offline
 * notification, committed in a transaction with the consumed position: not for users who are
 * online, not for muted conversations, not for other entry kinds or one's own messages, and neither
 * lost nor repeated when the user's partition moves to another gateway and back.
 */
@QuarkusTest
class NotificationTest extends PushTestBase {
  @Inject Connections connections;

  @Test
  void anOfflineUserGetsOneNotificationPerMessageAndNothingElse() throws Exception {
    String offline = user("offline");
    String online = user("online");
    TestSocket device = device(online);

    ProducerRecord<String, String> muted =
        new ProducerRecord<>(TOPIC, offline, message(offline, 1, "m-muted", "carol"));
    muted.headers().add(Topics.MUTED_HEADER, "true".getBytes(StandardCharsets.US_ASCII));
    publish(muted);
    publish(offline, message(offline, 2, "m-1", "carol"));
    publish(offline, readEntry(offline, 3));
    publish(offline, message(offline, 4, "m-own", offline));
    publish(online, message(online, 1, "m-online", "carol"));
    assertThat(device.next()).contains(messageId("m-online"));

    List<JsonNode> got = notificationsFor(List.of(offline, online), 1);
    assertThat(got).hasSize(1);
    JsonNode notification = got.get(0);
    assertThat(notification.get("userId").asText()).isEqualTo(offline);
    assertThat(notification.get("messageId").asText()).isEqualTo(messageId("m-1"));
    assertThat(notification.get("senderId").asText()).isEqualTo("carol");
    assertThat(notification.get("conversationId").asText()).isEqualTo("team-" + offline);
    assertThat(notification.get("chainSeq").asLong()).isEqualTo(2);
    device.close();
  }

  @Test
  void aPartitionThatMovesAwayAndBackNotifiesEachMessageExactlyOnce() throws Exception {
    String offline;
    try (GroupMember rival = GroupMember.join(GroupMember.GATEWAYS, "ws://rival.invalid/v1/ws")) {
      awaitSharedWith(rival, connections);
      offline = userOwnedBy(rival, "moving");
      // Consumed by nobody while the rival holds the partition: the gateway decides it later.
      publish(offline, message(offline, 1, "while-away", "carol"));
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> connections.ownedPartitions() == PARTITIONS);
    publish(offline, message(offline, 2, "back-home", "carol"));

    List<JsonNode> got = notificationsFor(List.of(offline), 2);
    assertThat(got)
        .extracting(notification -> notification.get("messageId").asText())
        .containsExactly(messageId("while-away"), messageId("back-home"));
  }

  /** The notifications for these users, read until {@code count} came and two more seconds. */
  private static List<JsonNode> notificationsFor(List<String> users, int count) throws Exception {
    List<JsonNode> found = new ArrayList<>();
    for (ConsumerRecord<String, String> record :
        TopicRecords.read(
            KafkaResource.server().bootstrapServers(),
            Topics.NOTIFICATIONS,
            record -> users.contains(record.key()),
            count,
            Duration.ofSeconds(2))) {
      found.add(JSON.readTree(record.value()));
    }
    return found;
  }

  private static String message(String userId, long seq, String name, String senderId) {
    return delivery(userId, seq, messageId(name), senderId, "hi");
  }

  private static String readEntry(String userId, long seq) throws Exception {
    return JSON.writeValueAsString(
        new Delivery(userId, EPOCH, seq, ChainEntry.read(seq, "team-" + userId, 1)));
  }
}
