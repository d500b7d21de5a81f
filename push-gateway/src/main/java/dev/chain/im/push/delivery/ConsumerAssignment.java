package dev.chain.im.push.delivery;

import dev.chain.im.push.connection.Connections;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Follows which partitions of the deliveries topic this gateway consumes. All gateways share one
 * consumer group, so each partition is read by one of them, and a user's records (keyed by the
 * user) by the gateway that serves the user's connections.
 *
 * <p>An assigned partition is read from the newest offset ({@code auto.offset.reset=latest}, no
 * offsets committed): its start position is fixed at once, before the users of that partition are
 * admitted, so every record produced after their {@code hello} is pushed. A revoked or lost
 * partition closes its users' connections with 4001; they ask the route, reconnect to the new owner
 * and pull, so nothing between the two owners' positions is missed.
 */
@ApplicationScoped
@Identifier(ConsumerAssignment.NAME)
public class ConsumerAssignment implements KafkaConsumerRebalanceListener {
  public static final String NAME = "push-gateway-assignment";
  private static final Logger LOG = Logger.getLogger(ConsumerAssignment.class);

  private final Connections connections;

  public ConsumerAssignment(Connections connections) {
    this.connections = connections;
  }

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    partitions.forEach(consumer::position);
    String topic = consumer.subscription().iterator().next();
    connections.owning(numbers(partitions), consumer.partitionsFor(topic).size());
    if (!partitions.isEmpty()) {
      LOG.infof("Now serving the users of partitions %s", numbers(partitions));
    }
  }

  @Override
  public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    release(partitions);
  }

  @Override
  public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    release(partitions);
  }

  private void release(Collection<TopicPartition> partitions) {
    if (!partitions.isEmpty()) {
      connections.released(numbers(partitions));
      LOG.infof("No longer serving the users of partitions %s", numbers(partitions));
    }
  }

  private static List<Integer> numbers(Collection<TopicPartition> partitions) {
    return partitions.stream().map(TopicPartition::partition).sorted().toList();
  }
}
