package dev.chain.im.push.delivery;

import dev.chain.im.push.connection.Connections;
import dev.chain.im.push.notification.OfflineNotifier;
import dev.chain.im.push.presence.PresencePublisher;
import dev.chain.im.push.signal.SignalConsumer;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Follows which partitions of the deliveries topic this gateway consumes. All gateways share one
 * consumer group, so each partition is read by one of them, and a user's records (keyed by the
 * user) by the gateway that serves the user's connections.
 *
 * <p>An assigned partition is read from the position its previous owner committed with its offline
 * notifications, or from the newest offset if none did ({@code auto.offset.reset=latest}): its
 * start position is fixed at once, before the users of that partition are admitted, so every record
 * produced after their {@code hello} is pushed. A revoked partition's notifications are committed
 * before it goes. A revoked or lost partition closes its users' connections with 4001; they ask the
 * route, reconnect to the new owner and pull.
 */
@ApplicationScoped
@Identifier(ConsumerAssignment.NAME)
public class ConsumerAssignment implements KafkaConsumerRebalanceListener {
  public static final String NAME = "push-gateway-assignment";
  private static final Logger LOG = Logger.getLogger(ConsumerAssignment.class);

  private final Connections connections;
  private final OfflineNotifier notifier;
  private final SignalConsumer signals;
  private final PresencePublisher presence;

  public ConsumerAssignment(
      Connections connections,
      OfflineNotifier notifier,
      SignalConsumer signals,
      PresencePublisher presence) {
    this.connections = connections;
    this.notifier = notifier;
    this.signals = signals;
    this.presence = presence;
  }

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    Map<TopicPartition, Long> positions = new HashMap<>();
    partitions.forEach(partition -> positions.put(partition, consumer.position(partition)));
    notifier.owning(positions, consumer.groupMetadata());
    String topic = consumer.subscription().iterator().next();
    connections.owning(numbers(partitions), consumer.partitionsFor(topic).size());
    signals.serve(numbers(consumer.assignment()));
    presence.repair(numbers(partitions), user -> connections.count(user) > 0);
    if (!partitions.isEmpty()) {
      LOG.infof("Now serving the users of partitions %s", numbers(partitions));
    }
  }

  @Override
  public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    if (!partitions.isEmpty()) {
      notifier.releasing(partitions, consumer.groupMetadata());
    }
    release(consumer, partitions);
  }

  @Override
  public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    notifier.lost(partitions);
    release(consumer, partitions);
  }

  private void release(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    if (!partitions.isEmpty()) {
      connections.released(numbers(partitions));
      signals.serve(
          consumer.assignment().stream()
              .filter(partition -> !partitions.contains(partition))
              .map(TopicPartition::partition)
              .toList());
      LOG.infof("No longer serving the users of partitions %s", numbers(partitions));
    }
  }

  private static List<Integer> numbers(Collection<TopicPartition> partitions) {
    return partitions.stream().map(TopicPartition::partition).sorted().toList();
  }
}
