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
 * A member of the push-gateways' consumer group that stands for a gateway instance: while it polls,
 * it holds some partitions of the deliveries topic, advertising {@code url} as its client id as a
 * gateway does. It reads no records.
 */
public final class GatewayGroupMember implements AutoCloseable {
  public static final String GROUP = "push-gateway";

  private final KafkaConsumer<String, String> consumer;
  private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
  private final Thread poller;

  private GatewayGroupMember(String bootstrapServers, String url) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                GROUP,
                ConsumerConfig.CLIENT_ID_CONFIG,
                url,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false"),
            new StringDeserializer(),
            new StringDeserializer());
    poller = new Thread(this::poll, "gateway-group-member");
  }

  /** Joins the group on the broker of {@link KafkaResource} as the gateway at {@code url}. */
  public static GatewayGroupMember join(String url) {
    GatewayGroupMember member =
        new GatewayGroupMember(KafkaResource.server().bootstrapServers(), url);
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
