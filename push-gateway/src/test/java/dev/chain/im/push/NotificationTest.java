package dev.chain.im.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.protocol.chain.Message;
import dev.chain.im.protocol.push.Delivery;
import dev.chain.im.protocol.push.Topics;
import dev.chain.im.push.connection.Connections;
import dev.chain.im.testsupport.GroupMember;
import dev.chain.im.testsupport.KafkaResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A message entry consumed while its user has no open connection becomes exactly one offline
 * notification, committed in a transaction with the consumed position: not for users who are
 * online, not for other entry kinds or one's own messages, and neither lost nor repeated when the
 * user's partition moves to another gateway and back.
 */
@QuarkusTest
class NotificationTest extends PushTestBase {
  @Inject Connections connections;

  private KafkaConsumer<String, String> notifications;

  @BeforeEach
  void readNotifications() {
    notifications =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaResource.server().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "notifications-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new StringDeserializer());
    notifications.subscribe(List.of(Topics.NOTIFICATIONS));
  }

  @AfterEach
  void close() {
    notifications.close();
  }

  @Test
  void anOfflineUserGetsOneNotificationPerMessageAndNothingElse() throws Exception {
    String offline = user("offline");
    String online = user("online");
    TestSocket device = device(online);

    publish(offline, message(offline, 1, "m-1", "carol"));
    publish(offline, readEntry(offline, 3));
    publish(offline, message(offline, 4, "m-own", offline));
    publish(online, message(online, 1, "m-online", "carol"));
    assertThat(device.next()).contains("m-online");

    List<JsonNode> got = notificationsFor(List.of(offline, online), 1);
    assertThat(got).hasSize(1);
    JsonNode notification = got.get(0);
    assertThat(notification.get("userId").asText()).isEqualTo(offline);
    assertThat(notification.get("messageId").asText()).isEqualTo("m-1");
    assertThat(notification.get("senderId").asText()).isEqualTo("carol");
    assertThat(notification.get("conversationId").asText()).isEqualTo("team-" + offline);
    assertThat(notification.get("chainSeq").asLong()).isEqualTo(1);
    device.close();
  }

  @Test
  void aPartitionThatMovesAwayAndBackNotifiesEachMessageExactlyOnce() throws Exception {
    String offline;
    try (GroupMember rival = GroupMember.join(GroupMember.GATEWAYS, "ws://rival.invalid/v1/ws")) {
      awaitSharedWith(rival, connections);
      offline =
          IntStream.range(0, 500)
              .mapToObj(i -> user("moving" + i))
              .filter(user -> rival.owned().contains(partition(user)))
              .findFirst()
              .orElseThrow();
      // Consumed by nobody while the rival holds the partition: the gateway decides it later.
      publish(offline, message(offline, 1, "while-away", "carol"));
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> connections.ownedPartitions() == PARTITIONS);
    publish(offline, message(offline, 2, "back-home", "carol"));

    List<JsonNode> got = notificationsFor(List.of(offline), 2);
    assertThat(got)
        .extracting(notification -> notification.get("messageId").asText())
        .containsExactly("while-away", "back-home");
  }

  /** The notifications for these users, read until {@code count} came and two more seconds. */
  private List<JsonNode> notificationsFor(List<String> users, int count) throws Exception {
    List<JsonNode> found = new ArrayList<>();
    long quietUntil = Long.MAX_VALUE;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < Math.min(deadline, quietUntil)) {
      for (ConsumerRecord<String, String> record : notifications.poll(Duration.ofMillis(200))) {
        if (users.contains(record.key())) {
          found.add(JSON.readTree(record.value()));
        }
      }
      if (found.size() >= count && quietUntil == Long.MAX_VALUE) {
        quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      }
    }
    return found;
  }

  private static String message(String userId, long seq, String messageId, String senderId)
      throws Exception {
    Message message =
        new Message(
            messageId, "team-" + userId, seq, senderId, null, null, Map.of("text", "hi"), "normal");
    return JSON.writeValueAsString(
        new Delivery(userId, EPOCH, seq, ChainEntry.message(seq, message)));
  }

  private static String readEntry(String userId, long seq) throws Exception {
    return JSON.writeValueAsString(
        new Delivery(userId, EPOCH, seq, ChainEntry.read(seq, "team-" + userId, 1)));
  }
}
