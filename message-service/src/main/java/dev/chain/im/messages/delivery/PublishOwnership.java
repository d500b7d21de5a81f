package dev.chain.im.messages.delivery;

import dev.chain.im.messages.config.ImConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Which partitions of the deliveries topic this instance publishes, decided by Kafka: every
 * instance is a member of one consumer group ({@code im.delivery.publisher-group}) that reads
 * nothing (its partitions are paused), and the partitions the group coordinator assigns to it are
 * the ones it owns. A user's records go to the partition of the user id, so each user's entries are
 * published by one instance at a time, in seq order. The assignment is cooperative-sticky: only the
 * partitions that change hands are handed over, and the handover callback runs before the next
 * owner gets them.
 */
@ApplicationScoped
public class PublishOwnership {
  private static final Logger LOG = Logger.getLogger(PublishOwnership.class);

  /** What the owner is told when partitions come and go; called on the ownership thread. */
  public interface Handover {
    /** These partitions are this instance's from now on. */
    void gained(Set<Integer> partitions);

    /**
     * These partitions are going to another instance: stop publishing them, and return only once
     * what was handed to Kafka is acknowledged. {@code cleanly} is false when they were lost (this
     * instance was taken out of the group), so the next owner may already have started.
     */
    void releasing(Set<Integer> partitions, boolean cleanly);
  }

  private final Map<String, Object> settings;
  private final String topic;
  private volatile Set<Integer> owned = Set.of();
  private volatile int partitionCount;
  private KafkaConsumer<String, String> consumer;
  private Thread thread;

  public PublishOwnership(
      @Identifier("default-kafka-broker") Map<String, Object> kafka, ImConfig config) {
    Map<String, Object> consumerSettings = new HashMap<>(kafka);
    consumerSettings.keySet().retainAll(ConsumerConfig.configNames());
    consumerSettings.put(ConsumerConfig.GROUP_ID_CONFIG, config.delivery().publisherGroup());
    consumerSettings.put(ConsumerConfig.CLIENT_ID_CONFIG, "im-publisher-" + UUID.randomUUID());
    consumerSettings.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    consumerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // An instance that died keeps its partitions for 6 s (the broker's least); a rebalance is
    // noticed at the next heartbeat, and partitions in transit are published by nobody meanwhile.
    consumerSettings.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
    consumerSettings.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
    consumerSettings.put(
        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
        (int) Math.max(60_000, 4 * config.delivery().handoverTimeout().toMillis()));
    this.settings = consumerSettings;
    this.topic = config.delivery().topic();
  }

  /** Joins the group; {@code handover} hears every change of ownership from then on. */
  synchronized void start(Handover handover) {
    consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
    thread = new Thread(() -> follow(handover), "im-publish-ownership");
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether this instance publishes the entries of this user now. */
  public boolean owns(String userId) {
    int count = partitionCount;
    return count > 0 && owned.contains(partitionOf(userId, count));
  }

  /** Whether the user's partition is one of these. */
  boolean inAny(String userId, Set<Integer> partitions) {
    int count = partitionCount;
    return count > 0 && partitions.contains(partitionOf(userId, count));
  }

  /** How many partitions this instance owns. */
  public int ownedPartitions() {
    return owned.size();
  }

  private static int partitionOf(String userId, int partitions) {
    return BuiltInPartitioner.partitionForKey(userId.getBytes(StandardCharsets.UTF_8), partitions);
  }

  private void follow(Handover handover) {
    consumer.subscribe(
        List.of(topic),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            consumer.pause(partitions);
            if (partitions.isEmpty()) {
              return;
            }
            partitionCount = consumer.partitionsFor(topic).size();
            Set<Integer> gained = numbers(partitions);
            Set<Integer> now = new HashSet<>(owned);
            now.addAll(gained);
            owned = Set.copyOf(now);
            LOG.infof("Publishing the users of partitions %s", gained);
            handover.gained(gained);
          }

          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            release(partitions, true);
          }

          @Override
          public void onPartitionsLost(Collection<TopicPartition> partitions) {
            release(partitions, false);
          }

          private void release(Collection<TopicPartition> partitions, boolean cleanly) {
            if (partitions.isEmpty()) {
              return;
            }
            Set<Integer> released = numbers(partitions);
            Set<Integer> now = new HashSet<>(owned);
            now.removeAll(released);
            owned = Set.copyOf(now);
            handover.releasing(released, cleanly);
            LOG.infof("Handed over partitions %s", released);
          }
        });
    try {
      while (true) {
        consumer.poll(Duration.ofMillis(500));
      }
    } catch (WakeupException stopping) {
      // closing
    } catch (RuntimeException e) {
      LOG.errorf(e, "Publishing ownership stopped");
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
    Set<Integer> numbers = new HashSet<>();
    partitions.forEach(partition -> numbers.add(partition.partition()));
    return Set.copyOf(numbers);
  }

  /**
   * Leaves the group first thing at shutdown, while the producer and the database still work, so
   * the handover completes and the other instances take the partitions at once.
   */
  synchronized void stop(@Observes ShutdownEvent event) throws InterruptedException {
    if (consumer != null) {
      consumer.wakeup();
      thread.join(Duration.ofSeconds(20).toMillis());
      consumer = null;
    }
  }
}
