package dev.chain.im.push.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.protocol.chain.Message;
import dev.chain.im.protocol.push.Delivery;
import dev.chain.im.protocol.push.Notification;
import dev.chain.im.protocol.push.Topics;
import dev.chain.im.push.config.PushConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes an offline notification for every message entry consumed while its user had no open
 * connection here, unless its record is marked {@link Topics#MUTED_HEADER}, exactly once per entry
 * across rebalances and restarts. The gateway's consumed positions are committed in the same Kafka
 * transaction as the notifications decided up to them (consume-transform-produce, fenced by the
 * consumer group's generation): a partition's next owner resumes right after the last entry whose
 * decision was committed, and decides the rest itself.
 *
 * <p>Decisions are collected per partition and committed every {@code
 * im.push.notification-commit-interval} on a thread of their own, so pushes never wait for a
 * transaction. A partition that is revoked is committed before it goes; one that is lost, or whose
 * transaction fails, is not, and its next owner decides those entries again.
 */
@Singleton
public class OfflineNotifier {
  private static final Logger LOG = Logger.getLogger(OfflineNotifier.class);

  private final PushConfig config;
  private final ObjectMapper json;
  private final String bootstrapServers;
  private final Object lock = new Object();
  // Guarded by lock: what is decided and not yet committed, for the partitions owned.
  private final Set<TopicPartition> owned = new HashSet<>();
  private Map<TopicPartition, Decided> decided = new HashMap<>();
  private ConsumerGroupMetadata group;

  /** A partition's decisions since its last commit: the position after them, and what to send. */
  private static final class Decided {
    long position;
    final List<ProducerRecord<String, String>> notifications = new ArrayList<>();
  }

  private KafkaProducer<String, String> producer;
  private ScheduledExecutorService committer;

  public OfflineNotifier(
      PushConfig config,
      ObjectMapper json,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.config = config;
    this.json = json;
    this.bootstrapServers = bootstrapServers;
  }

  void start(@Observes StartupEvent event) {
    producer = newProducer();
    committer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "im-notifier"));
    long every = config.notificationCommitInterval().toMillis();
    committer.scheduleWithFixedDelay(this::commitQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /** The transactional producer; its id is this gateway's, so a restart fences its predecessor. */
  private KafkaProducer<String, String> newProducer() {
    KafkaProducer<String, String> created =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "push-gateway " + config.publicUrl(),
                ProducerConfig.CLIENT_ID_CONFIG, "notifications " + config.publicUrl()),
            new StringSerializer(),
            new StringSerializer());
    created.initTransactions();
    return created;
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    if (committer != null) {
      committer.shutdown();
      committer.awaitTermination(10, TimeUnit.SECONDS);
      producer.close();
    }
  }

  /**
   * Partitions assigned in the group's generation {@code group}, read from these positions (called
   * on the consumer's thread, after every rebalance). The positions are committed at once, so that
   * a partition nobody committed before is not read from the newest record again by its next owner.
   */
  public void owning(Map<TopicPartition, Long> positions, ConsumerGroupMetadata group) {
    synchronized (lock) {
      owned.addAll(positions.keySet());
      this.group = group;
      positions.forEach(
          (partition, position) ->
              decided.computeIfAbsent(partition, p -> new Decided()).position = position);
    }
  }

  /**
   * Partitions about to go to another gateway: what was decided for them is committed now, before
   * the next owner starts from the committed positions. Blocks the consumer's thread meanwhile.
   */
  public void releasing(Collection<TopicPartition> partitions, ConsumerGroupMetadata group) {
    synchronized (lock) {
      this.group = group;
    }
    try {
      committer.submit(this::commitQuietly).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warnf("Notifications of released partitions not committed: %s", e.toString());
    }
    lost(partitions);
  }

  /** Partitions taken away without a handover: their undecided entries go to the next owner. */
  public void lost(Collection<TopicPartition> partitions) {
    synchronized (lock) {
      owned.removeAll(partitions);
      decided.keySet().removeAll(partitions);
    }
  }

  /**
   * One consumed record, and whether its user had an open connection here when it was pushed.
   * Called in partition order.
   */
  public void consumed(ConsumerRecord<String, String> record, boolean userOnline) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    ProducerRecord<String, String> notification =
        userOnline || muted(record) ? null : notificationOf(record.key(), record.value());
    synchronized (lock) {
      if (!owned.contains(partition)) {
        return; // consumed before a revocation was handled; the next owner decides it
      }
      Decided since = decided.computeIfAbsent(partition, p -> new Decided());
      since.position = record.offset() + 1;
      if (notification != null) {
        since.notifications.add(notification);
      }
    }
  }

  /** Whether the user muted the conversation of this entry when it was written. */
  private static boolean muted(ConsumerRecord<String, String> record) {
    return record.headers().lastHeader(Topics.MUTED_HEADER) != null;
  }

  private ProducerRecord<String, String> notificationOf(String userId, String value) {
    if (!config.notificationsEnabled()) {
      return null;
    }
    try {
      Delivery delivery = json.readValue(value, Delivery.class);
      ChainEntry entry = delivery.entry();
      if (entry == null || !entry.is(ChainEntry.MESSAGE) || entry.message() == null) {
        return null;
      }
      Message message = entry.message();
      if (userId.equals(message.senderId())) {
        return null; // one's own message, from another device
      }
      Notification notification =
          new Notification(
              userId,
              message.conversationId(),
              message.seq(),
              delivery.seq(),
              message.id(),
              message.senderId(),
              message.sentAt(),
              preview(message));
      return new ProducerRecord<>(
          config.notificationsTopic(), userId, json.writeValueAsString(notification));
    } catch (Exception e) {
      LOG.debugf("No notification for an unreadable record of %s: %s", userId, e.toString());
      return null;
    }
  }

  private String preview(Message message) {
    if (message.content() == null || !(message.content().get("text") instanceof String text)) {
      return null;
    }
    int length = config.notificationPreviewLength();
    return text.length() <= length ? text : text.substring(0, length) + "…";
  }

  private void commitQuietly() {
    try {
      commit();
    } catch (RuntimeException e) {
      LOG.warnf("Notifications not committed; the next owner decides them again: %s", e.toString());
    }
  }

  /** One transaction: the pending notifications and the positions they were decided up to. */
  private void commit() {
    Map<TopicPartition, Decided> batch;
    ConsumerGroupMetadata generation;
    synchronized (lock) {
      if (decided.isEmpty() || group == null) {
        return;
      }
      batch = decided;
      decided = new HashMap<>();
      generation = group;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    batch.forEach(
        (partition, since) -> offsets.put(partition, new OffsetAndMetadata(since.position)));
    try {
      producer.beginTransaction();
      batch.values().forEach(since -> since.notifications.forEach(producer::send));
      producer.sendOffsetsToTransaction(offsets, generation);
      producer.commitTransaction();
    } catch (KafkaException e) {
      abort();
      requeue(batch);
      throw e;
    }
  }

  /** Ends a failed transaction; a producer that cannot abort (fenced) is replaced. */
  private void abort() {
    try {
      producer.abortTransaction();
    } catch (KafkaException e) {
      producer.close(Duration.ZERO);
      producer = newProducer();
    }
  }

  /** Puts back the decisions of a failed transaction, before those made since, if still owned. */
  private void requeue(Map<TopicPartition, Decided> batch) {
    synchronized (lock) {
      batch.forEach(
          (partition, earlier) -> {
            if (!owned.contains(partition)) {
              return;
            }
            Decided later = decided.get(partition);
            if (later != null) {
              earlier.position = later.position;
              earlier.notifications.addAll(later.notifications);
            }
            decided.put(partition, earlier);
          });
    }
  }
}
