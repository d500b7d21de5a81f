package dev.chain.im.push.delivery;

import dev.chain.im.push.connection.Connections;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Tracks the partitions this instance reads. On a first assignment it fixes the start position of
 * each partition at once (the newest offset, since {@code auto.offset.reset=latest}), so every
 * record produced after the gateway reports ready is pushed. The gateway commits no offsets, so a
 * rebalance (a broker restart, say) would otherwise jump to the newest offset again and skip what
 * was produced meanwhile: a partition that comes back resumes where it was revoked. Connections get
 * their {@code hello} only once the first partitions are positioned.
 */
@ApplicationScoped
@Identifier(ConsumerAssignment.NAME)
public class ConsumerAssignment implements KafkaConsumerRebalanceListener {
  public static final String NAME = "push-gateway-assignment";
  private static final Logger LOG = Logger.getLogger(ConsumerAssignment.class);

  private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
  private final Map<TopicPartition, Long> resumeAt = new ConcurrentHashMap<>();
  private final Connections connections;

  public ConsumerAssignment(Connections connections) {
    this.connections = connections;
  }

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      Long offset = resumeAt.remove(partition);
      if (offset != null) {
        consumer.seek(partition, offset);
      } else {
        consumer.position(partition);
      }
    }
    assigned.addAll(partitions);
    LOG.debugf("Reading %d partitions", assigned.size());
    if (!assigned.isEmpty()) {
      connections.deliveringFromNow();
    }
  }

  @Override
  public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    remember(consumer, partitions);
  }

  @Override
  public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    remember(consumer, partitions);
  }

  private void remember(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      try {
        resumeAt.put(partition, consumer.position(partition));
      } catch (RuntimeException e) {
        LOG.debugf("No position to resume %s from: %s", partition, e.toString());
      }
    }
    assigned.removeAll(partitions);
  }

  public int assignedPartitions() {
    return assigned.size();
  }
}
