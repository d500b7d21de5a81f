package dev.chain.im.testsupport;

import dev.chain.im.protocol.push.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A member of a consumer group on the deliveries topic that stands for another instance of a
 * service: while it polls, it holds some partitions, and the instance under test gives them up. A
 * gateway advertises its URL as its client id, so {@code clientId} is that URL for the gateways'
 * group. It reads no records.
 */
public final class GroupMember implements AutoCloseable {
  /** The push-gateways' group. */
  public static final String GATEWAYS = "push-gateway";

  /** The group of message-service instances that share the publishing. */
  public static final String PUBLISHERS = "message-service-publishers";

  private final KafkaConsumer<String, String> consumer;
  private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
  private final Thread poller;

  private GroupMember(String bootstrapServers, String group, String clientId) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.CLIENT_ID_CONFIG,
                clientId,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false"),
            new StringDeserializer(),
            new StringDeserializer());
    poller = new Thread(this::poll, "group-member-" + clientId);
  }

  /** Joins the group on the broker of {@link KafkaResource}. */
  public static GroupMember join(String group, String clientId) {
    GroupMember member =
        new GroupMember(KafkaResource.server().bootstrapServers(), group, clientId);
    member.poller.start();
    return member;
  }

  /** The partitions it holds now. */
  public Set<Integer> owned() {
    return Set.copyOf(owned);
  }

  private void poll() {
    consumer.subscribe(
        List.of(Topics.DELIVERIES),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(partition -> owned.remove(partition.partition()));
          }

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(partition -> owned.add(partition.partition()));
          }
        });
    try {
      while (true) {
        consumer.poll(Duration.ofMillis(100));
      }
    } catch (WakeupException leaving) {
      consumer.close();
    }
  }

  /** Leaves the group, so its partitions go back to the gateway. */
  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    poller.join(Duration.ofSeconds(30).toMillis());
  }
}
