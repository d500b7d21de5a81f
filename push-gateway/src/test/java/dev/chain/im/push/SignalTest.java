package dev.chain.im.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chain.im.protocol.push.Topics;
import dev.chain.im.push.connection.Connections;
import dev.chain.im.testsupport.GroupMember;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Ephemeral frames from the signals topic reach every open connection of their recipient as they
 * are, for the partitions this gateway serves, also those it gets back after a rebalance.
 */
@QuarkusTest
class SignalTest extends PushTestBase {
  @Inject Connections connections;

  @Test
  void aSignalReachesEveryDeviceOfItsRecipientAsItIs() {
    String alice = user("alice");
    String bob = user("bob");
    TestSocket phone = device(alice);
    TestSocket laptop = device(alice);
    TestSocket bobsPhone = device(bob);

    String typing = typing(alice, bob);
    signal(alice, typing);
    publish(bob, delivery(bob, 1, "for bob"));

    assertThat(phone.next()).isEqualTo(typing);
    assertThat(laptop.next()).isEqualTo(typing);
    assertThat(bobsPhone.next())
        .as("not the typing frame, which was for alice")
        .contains("for bob");
    List.of(phone, laptop, bobsPhone).forEach(TestSocket::close);
  }

  @Test
  void signalsFollowThePartitionsThatComeBack() throws Exception {
    String returning;
    try (GroupMember rival = GroupMember.join(GroupMember.GATEWAYS, "ws://rival.invalid/v1/ws")) {
      awaitSharedWith(rival, connections);
      returning = userOwnedBy(rival, "returning");
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> connections.ownedPartitions() == PARTITIONS);
    TestSocket device = device(returning);

    String typing = typing(returning, "carol");
    signal(returning, typing);

    assertThat(device.next()).isEqualTo(typing);
    device.close();
  }

  private static String typing(String recipient, String typist) {
    return "{\"type\":\"typing\",\"conversationId\":\"team-"
        + recipient
        + "\",\"userId\":\""
        + typist
        + "\",\"expiresAt\":\"2026-12-03T12:00:06Z\"}";
  }

  private static void signal(String recipient, String frame) {
    publish(new ProducerRecord<>(Topics.SIGNALS, recipient, frame));
  }
}
