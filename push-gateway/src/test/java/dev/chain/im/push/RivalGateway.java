package dev.chain.im.push;

import dev.chain.im.protocol.push.Topics;
import dev.chain.im.testsupport.KafkaResource;
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
 * A second member of the gateways' consumer group, as another gateway instance would be: while it
 * polls, it holds some partitions of the deliveries topic, and the gateway under test gives them
 * up.
 */
final class RivalGateway implements AutoCloseable {
  private final KafkaConsumer<String, String> consumer;
  private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
  private final Thread poller;

  private RivalGateway() {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaResource.server().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "push-gateway",
                ConsumerConfig.CLIENT_ID_CONFIG,
                "ws://rival.invalid/v1/ws",
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false"),
            new StringDeserializer(),
            new StringDeserializer());
    poller = new Thread(this::poll, "rival-gateway");
  }

  static RivalGateway join() {
    RivalGateway rival = new RivalGateway();
    rival.poller.start();
    return rival;
  }

  Set<Integer> owned() {
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
