package dev.chain.im.messages.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chain.im.messages.ApiTestBase;
import dev.chain.im.protocol.push.Topics;
import dev.chain.im.testsupport.GroupMember;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * With another instance in the publishers' group, this one publishes only the users of the
 * partitions it holds, and tells the other instance about the rest; when the other one leaves, the
 * partitions come back and their backlog is published from the chain, in order, once.
 */
@QuarkusTest
class PublishOwnershipTest extends ApiTestBase {
  private static final int PARTITIONS = 12;
  private final ObjectMapper json = new ObjectMapper();

  @Inject PublishOwnership ownership;

  @Test
  void onlyTheOwnerPublishesAUserAndHandedBackPartitionsArePublishedInOrder() throws Exception {
    String alice;
    String bob;
    String conversation = id("owned");
    try (GroupMember other = GroupMember.join(GroupMember.PUBLISHERS, "other-instance");
        Connection listener = listen()) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  !other.owned().isEmpty()
                      && ownership.ownedPartitions() > 0
                      && other.owned().size() + ownership.ownedPartitions() == PARTITIONS);
      Set<Integer> theirs = other.owned();
      alice = user("alice", theirs::contains);
      bob = user("bob", partition -> !theirs.contains(partition));

      create(bob, conversation, Map.of("members", List.of(alice)));
      as(alice)
          .body(Map.of("muted", true))
          .put("/v1/conversations/{cid}/settings", conversation)
          .then()
          .statusCode(200);
      send(bob, conversation, "one");
      send(bob, conversation, "two");

      assertThat(toldSeqs(listener, alice, 3))
          .as("the other instance hears of each of Alice's entries")
          .containsExactly(1L, 2L, 3L);
      List<ConsumerRecord<String, String>> meanwhile =
          deliveries(record -> Set.of(alice, bob).contains(record.key()), 3);
      assertThat(meanwhile).extracting(ConsumerRecord::key).containsOnly(bob);
    }

    List<ConsumerRecord<String, String>> all = deliveries(record -> record.key().equals(alice), 3);
    assertThat(all)
        .as("Alice's chain, published once the partition came back")
        .extracting(record -> json.readTree(record.value()).get("seq").asLong())
        .containsExactly(1L, 2L, 3L);
    assertThat(all)
        .as("read back from the chain, Alice's message records still say that she muted them")
        .extracting(record -> record.headers().lastHeader(Topics.MUTED_HEADER) != null)
        .containsExactly(false, true, true);
  }

  private String user(String name, IntPredicate partitionWanted) {
    return IntStream.range(0, 1000)
        .mapToObj(i -> id(name + i))
        .filter(user -> partitionWanted.test(partition(user)))
        .findFirst()
        .orElseThrow();
  }

  private static int partition(String userId) {
    return BuiltInPartitioner.partitionForKey(userId.getBytes(StandardCharsets.UTF_8), PARTITIONS);
  }

  private static Connection listen() throws Exception {
    var config = ConfigProvider.getConfig();
    Connection connection =
        DriverManager.getConnection(
            config.getValue("quarkus.datasource.jdbc.url", String.class),
            config.getValue("quarkus.datasource.username", String.class),
            config.getValue("quarkus.datasource.password", String.class));
    try (Statement statement = connection.createStatement()) {
      statement.execute("listen " + PublishHandoff.CHANNEL);
    }
    return connection;
  }

  /** The seqs the handoff channel names for this user, once it named {@code count}. */
  private static List<Long> toldSeqs(Connection listener, String userId, int count)
      throws Exception {
    List<Long> seqs = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (seqs.size() < count && System.nanoTime() < deadline) {
      PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(200);
      if (notifications == null) {
        continue;
      }
      for (PGNotification notification : notifications) {
        notification
            .getParameter()
            .lines()
            .filter(line -> line.endsWith(" " + userId))
            .forEach(line -> seqs.add(Long.parseLong(line.substring(0, line.indexOf(' ')))));
      }
    }
    return seqs;
  }
}
