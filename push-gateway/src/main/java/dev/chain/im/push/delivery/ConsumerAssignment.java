package dev.chain.im.push.delivery;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Tracks the partitions this instance reads. On assignment it fixes the start position of each
 * partition at once (the newest offset, since {@code auto.offset.reset=latest}), so every record
 * produced after the gateway reports ready is pushed.
 */
@ApplicationScoped
@Identifier(ConsumerAssignment.NAME)
public class ConsumerAssignment implements KafkaConsumerRebalanceListener {
  public static final String NAME = "push-gateway-assignment";
  private static final Logger LOG = Logger.getLogger(ConsumerAssignment.class);

  private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      consumer.position(partition);
    }
    assigned.addAll(partitions);
    LOG.debugf("Reading %d partitions", assigned.size());
  }

  @Override
  public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    assigned.removeAll(partitions);
  }

  @Override
  public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    assigned.removeAll(partitions);
  }

  public int assignedPartitions() {
    return assigned.size();
  }
}
