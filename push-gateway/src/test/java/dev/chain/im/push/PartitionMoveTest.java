package dev.chain.im.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chain.im.protocol.push.CloseCodes;
import dev.chain.im.push.connection.Connections;
import dev.chain.im.testsupport.GroupMember;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Gateways share one consumer group, and each serves the users of the partitions it consumes. When
 * another gateway joins and takes partitions, this one closes exactly the connections of those
 * partitions' users with 4001, refuses their new connections the same way, and keeps pushing to
 * everyone else; when it leaves, the users come back.
 */
@QuarkusTest
class PartitionMoveTest extends PushTestBase {
  @Inject Connections connections;

  @Test
  void usersOfAMovedPartitionAreSentToTheirNewGatewayAndNobodyElseIsDisturbed() throws Exception {
    List<String> users = IntStream.range(0, 24).mapToObj(i -> user("user" + i)).toList();
    Map<String, TestSocket> sockets = new LinkedHashMap<>();
    users.forEach(user -> sockets.put(user, device(user)));

    String movedUser;
    try (GroupMember rival = GroupMember.join(GroupMember.GATEWAYS, "ws://rival.invalid/v1/ws")) {
      awaitSharedWith(rival, connections);
      Set<Integer> moved = rival.owned();
      List<String> movedUsers = users.stream().filter(u -> moved.contains(partition(u))).toList();
      List<String> stayed = users.stream().filter(u -> !moved.contains(partition(u))).toList();
      assertThat(movedUsers).as("users on the rival's partitions %s", moved).isNotEmpty();
      assertThat(stayed).isNotEmpty();

      for (String user : movedUsers) {
        TestSocket socket = sockets.get(user);
        assertThat(socket.closed.get(20, TimeUnit.SECONDS)).isEqualTo(CloseCodes.MOVED);
        assertThat(socket.closeReason()).isEqualTo(CloseCodes.MOVED_REASON);
      }
      for (String user : stayed) {
        String value = delivery(user, 1, "still served here");
        publish(user, value);
        assertThat(sockets.get(user).next()).isEqualTo(frameOf(value));
        assertThat(sockets.get(user).closed).isNotDone();
      }

      movedUser = movedUsers.get(0);
      TestSocket again = TestSocket.open(wsUri(), bearer(token(movedUser)));
      assertThat(again.closed.get(20, TimeUnit.SECONDS)).isEqualTo(CloseCodes.MOVED);
      assertThat(again.frames).as("no hello for a user served elsewhere").isEmpty();
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> connections.ownedPartitions() == PARTITIONS);
    TestSocket back = device(movedUser);
    String value = delivery(movedUser, 2, "back home");
    publish(movedUser, value);
    assertThat(back.next()).isEqualTo(frameOf(value));
    back.close();
    sockets.values().forEach(TestSocket::close);
  }
}
