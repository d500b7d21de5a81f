package dev.chain.im.push.signal;

import dev.chain.im.push.config.PushConfig;
import dev.chain.im.push.connection.Connections;
import dev.chain.im.push.metrics.PushMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Pushes ephemeral frames to the users this gateway serves. The signals topic is keyed by recipient
 * and has as many partitions as the deliveries topic, so the signals of the users of delivery
 * partition p are in signals partition p: this consumer follows the gateway's delivery partitions
 * by assigning itself the same numbers, without a group of its own. A partition it gains is read
 * from the signals written since the gateway began to serve it (older ones are stale: nobody was
 * connected here to get them), and nothing is committed.
 */
@ApplicationScoped
public class SignalConsumer {
  private static final Logger LOG = Logger.getLogger(SignalConsumer.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final Connections connections;
  private final PushMetrics metrics;
  private final String topic;
  private final String bootstrapServers;
  private final AtomicReference<Served> wanted = new AtomicReference<>(new Served(Set.of(), 0));
  private volatile boolean running = true;
  private KafkaConsumer<String, String> consumer;
  private Thread thread;

  public SignalConsumer(
      Connections connections,
      PushMetrics metrics,
      PushConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.connections = connections;
    this.metrics = metrics;
    this.topic = config.signalsTopic();
    this.bootstrapServers = bootstrapServers;
  }

  void start(@Observes StartupEvent event) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "signals",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest"),
            new StringDeserializer(),
            new StringDeserializer());
    thread = new Thread(this::run, "im-signals");
    thread.setDaemon(true);
    thread.start();
  }

  /** The partitions served, and since when (epoch millis) those newly among them are. */
  private record Served(Set<Integer> partitions, long sinceMillis) {}

  /** The delivery partitions this gateway now serves: their signals are read from now on. */
  public void serve(Collection<Integer> partitions) {
    wanted.set(new Served(Set.copyOf(partitions), System.currentTimeMillis()));
  }

  private void run() {
    Set<Integer> assigned = Set.of();
    while (running) {
      try {
        Served now = wanted.get();
        if (!now.partitions().equals(assigned)) {
          assign(assigned, now);
          assigned = now.partitions();
        }
        if (assigned.isEmpty()) {
          Thread.sleep(POLL.toMillis());
          continue;
        }
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
          push(record);
        }
      } catch (WakeupException | InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warnf("Reading signals failed; going on: %s", e.toString());
      }
    }
  }

  private void assign(Set<Integer> before, Served after) {
    List<TopicPartition> partitions =
        after.partitions().stream().map(partition -> new TopicPartition(topic, partition)).toList();
    consumer.assign(partitions);
    Map<TopicPartition, Long> since = new HashMap<>();
    partitions.stream()
        .filter(partition -> !before.contains(partition.partition()))
        .forEach(partition -> since.put(partition, after.sinceMillis()));
    consumer
        .offsetsForTimes(since)
        .forEach(
            (partition, found) -> {
              if (found == null) {
                consumer.seekToEnd(List.of(partition));
                consumer.position(partition); // fixes the start now
              } else {
                consumer.seek(partition, found.offset());
              }
            });
    if (!after.partitions().isEmpty()) {
      LOG.debugf("Reading the signals of partitions %s", new TreeSet<>(after.partitions()));
    }
  }

  private void push(ConsumerRecord<String, String> record) {
    String value = record.value();
    if (record.key() == null || value == null || !value.startsWith("{\"type\":")) {
      metrics.invalid();
      return;
    }
    metrics.signal(connections.push(record.key(), value));
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    running = false;
    if (consumer != null) {
      consumer.wakeup();
      thread.join(5_000);
      consumer.close(Duration.ofSeconds(2));
    }
  }
}
