package dev.chain.im.messages.route;

import dev.chain.im.messages.config.ImConfig;
import dev.chain.im.messages.problem.ProblemException;
import dev.chain.im.protocol.push.Route;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;

/**
 * Which push-gateway serves a user, read from Kafka itself: a user's entries go to the partition
 * that the producer's default partitioner picks for the user id, each partition is consumed by one
 * member of the gateways' consumer group, and each member's client id is its public WebSocket URL.
 * No registry of its own: what Kafka's group coordinator says is the answer.
 */
@ApplicationScoped
public class GatewayDirectory {
  /** Which gateway URL consumes each partition, as read at {@code readAtMillis}. */
  record Snapshot(int partitions, Map<Integer, String> urls, long readAtMillis) {}

  private final Admin admin;
  private final String topic;
  private final String group;
  private final long refreshMillis;
  private final Clock clock;
  private volatile Snapshot snapshot;
  private Uni<Snapshot> reading; // guarded by this

  public GatewayDirectory(Admin admin, ImConfig config, Clock clock) {
    this.admin = admin;
    this.topic = config.delivery().topic();
    this.group = config.route().gatewayGroup();
    this.refreshMillis = config.route().refreshInterval().toMillis();
    this.clock = clock;
  }

  /** The gateway of this user, or a 503 problem while nobody consumes the user's partition. */
  public Uni<Route> route(String userId) {
    Snapshot known = snapshot;
    if (known != null && clock.millis() - known.readAtMillis() < refreshMillis) {
      return Uni.createFrom().item(() -> routeIn(known, userId));
    }
    return read().map(fresh -> routeIn(fresh, userId));
  }

  private Route routeIn(Snapshot known, String userId) {
    int partition =
        BuiltInPartitioner.partitionForKey(
            userId.getBytes(StandardCharsets.UTF_8), known.partitions());
    String url = known.urls().get(partition);
    if (url == null) {
      throw ProblemException.unavailable(
          "No push-gateway serves partition "
              + partition
              + " right now (gateways are starting or rebalancing): try again in a second",
          1);
    }
    return new Route(url, partition);
  }

  /** One read of the topic and the group at a time; callers meanwhile share it. */
  private synchronized Uni<Snapshot> read() {
    if (reading == null) {
      reading =
          Uni.combine()
              .all()
              .unis(partitionCount(), owners())
              .with(
                  (partitions, owners) -> {
                    Snapshot read = new Snapshot(partitions, owners, clock.millis());
                    snapshot = read;
                    return read;
                  })
              .onFailure()
              .transform(
                  failure ->
                      ProblemException.unavailable(
                          "Kafka does not answer, so the gateway of this user is unknown: "
                              + failure.getMessage(),
                          1))
              .onTermination()
              .invoke(this::doneReading)
              .memoize()
              .indefinitely();
    }
    return reading;
  }

  private synchronized void doneReading() {
    reading = null;
  }

  private Uni<Integer> partitionCount() {
    return Uni.createFrom()
        .completionStage(admin.describeTopics(List.of(topic)).allTopicNames().toCompletionStage())
        .map(topics -> topics.get(topic))
        .map(TopicDescription::partitions)
        .map(List::size);
  }

  private Uni<Map<Integer, String>> owners() {
    return Uni.createFrom()
        .completionStage(admin.describeConsumerGroups(List.of(group)).all().toCompletionStage())
        .map(groups -> ownersIn(groups.get(group)));
  }

  private Map<Integer, String> ownersIn(ConsumerGroupDescription description) {
    Map<Integer, String> owners = new HashMap<>();
    for (MemberDescription member : description.members()) {
      for (TopicPartition partition : member.assignment().topicPartitions()) {
        if (partition.topic().equals(topic)) {
          owners.put(partition.partition(), member.clientId());
        }
      }
    }
    return owners;
  }
}
