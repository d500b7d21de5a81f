package dev.chain.im.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chain.im.protocol.push.CloseCodes;
import dev.chain.im.protocol.push.Topics;
import dev.chain.im.push.connection.Connections;
import dev.chain.im.testsupport.GroupMember;
import dev.chain.im.testsupport.KafkaResource;
import dev.chain.im.testsupport.TopicRecords;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The gateway records a user online at their first connection and offline at their last, not when
 * it closes them because their partition moved; and it records offline, after a grace period, the
 * users of a partition it takes over who are shown online but did not reconnect.
 */
@QuarkusTest
class PresenceTest extends PushTestBase {
  @Inject Connections connections;

  @Test
  void onlineAtTheFirstConnectionOfflineAtTheLast() throws Exception {
    String alice = user("alice");
    TestSocket phone = device(alice);
    TestSocket laptop = device(alice);
    phone.close();
    laptop.close();

    List<JsonNode> recorded = presenceOf(alice, 2);
    assertThat(recorded).extracting(p -> p.get("online").asBoolean()).containsExactly(true, false);
    assertThat(recorded.get(0).get("lastSeenAt").isNull()).isTrue();
    assertThat(recorded.get(1).get("lastSeenAt").asText()).isNotBlank();
  }

  @Test
  void aMoveIsNotOfflineButAUserWhoNeverCameBackIsRepairedAsOffline() throws Exception {
    Map<Integer, String> onePerPartition = new HashMap<>();
    IntStream.range(0, 2000)
        .mapToObj(i -> user("moving" + i))
        .forEach(user -> onePerPartition.putIfAbsent(partition(user), user));
    Map<String, TestSocket> devices = new HashMap<>();
    onePerPartition.values().forEach(user -> devices.put(user, device(user)));
    String moved;
    try (GroupMember rival = GroupMember.join(GroupMember.GATEWAYS, "ws://rival.invalid/v1/ws")) {
      awaitSharedWith(rival, connections);
      moved = onePerPartition.get(rival.owned().iterator().next());
      assertThat(devices.get(moved).closed.get(20, TimeUnit.SECONDS)).isEqualTo(CloseCodes.MOVED);
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> connections.ownedPartitions() == PARTITIONS);

    List<JsonNode> recorded = presenceOf(moved, 2);
    assertThat(recorded)
        .extracting(p -> p.get("online").asBoolean())
        .as("online at the connection; offline once the partition is back and the user is not")
        .containsExactly(true, false);
    devices.values().forEach(TestSocket::close);
  }

  private static List<JsonNode> presenceOf(String userId, int count) throws Exception {
    List<JsonNode> found = new ArrayList<>();
    for (ConsumerRecord<String, String> record :
        TopicRecords.read(
            KafkaResource.server().bootstrapServers(),
            Topics.PRESENCE,
            record -> userId.equals(record.key()),
            count,
            Duration.ofSeconds(3))) {
      found.add(JSON.readTree(record.value()));
    }
    return found;
  }
}
