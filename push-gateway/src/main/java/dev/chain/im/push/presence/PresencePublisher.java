package dev.chain.im.push.presence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chain.im.protocol.push.Presence;
import dev.chain.im.push.config.PushConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Records who is online on the compacted presence topic. A user's connections all live on the
 * gateway that serves the user's partition, so that gateway alone knows, and writes: online when
 * the first connection opens, offline (with the time) when the last one closes, but not when it
 * closes them because the partition moved. The next owner of a partition repairs what a gateway
 * that died or handed over left: after a grace period for the users to reconnect, every user the
 * topic shows online there who has no connection is recorded offline.
 */
@ApplicationScoped
public class PresencePublisher {
  private static final Logger LOG = Logger.getLogger(PresencePublisher.class);

  private final ObjectMapper json;
  private final PushConfig config;
  private final String bootstrapServers;
  private KafkaProducer<String, String> producer;
  private ScheduledExecutorService repairs;

  /** Keeps each user's writes in order, and the producer's waits off the event loop. */
  private ExecutorService writer;

  public PresencePublisher(
      ObjectMapper json,
      PushConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.json = json;
    this.config = config;
    this.bootstrapServers = bootstrapServers;
  }

  void start(@Observes StartupEvent event) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG,
                "presence " + config.publicUrl()),
            new StringSerializer(),
            new StringSerializer());
    repairs = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "im-presence-repair"));
    writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "im-presence"));
  }

  public void online(String userId) {
    write(new Presence(userId, true, null));
  }

  public void offline(String userId) {
    write(new Presence(userId, false, OffsetDateTime.now(ZoneOffset.UTC)));
  }

  /**
   * This gateway now serves these partitions: once the grace period has passed, their users shown
   * online who are not {@code connected} here are recorded offline.
   */
  public void repair(Collection<Integer> partitions, Predicate<String> connected) {
    if (partitions.isEmpty() || repairs == null) {
      return;
    }
    List<Integer> taken = List.copyOf(partitions);
    repairs.schedule(
        () -> {
          try {
            shownOnline(taken).stream().filter(connected.negate()).forEach(this::offline);
          } catch (RuntimeException e) {
            LOG.warnf("Could not repair the presence of partitions %s: %s", taken, e.toString());
          }
        },
        config.presenceGrace().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** The users these partitions of the presence topic show online, read to their end. */
  private List<String> shownOnline(List<Integer> partitions) {
    Map<String, Boolean> online = new HashMap<>();
    try (KafkaConsumer<String, String> reader =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "presence-repair-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new StringDeserializer())) {
      List<TopicPartition> assigned =
          partitions.stream().map(p -> new TopicPartition(config.presenceTopic(), p)).toList();
      reader.assign(assigned);
      reader.seekToBeginning(assigned);
      Map<TopicPartition, Long> ends = reader.endOffsets(assigned);
      while (assigned.stream().anyMatch(p -> reader.position(p) < ends.get(p))) {
        for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
          online.put(record.key(), isOnline(record.value()));
        }
      }
    }
    return online.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
  }

  private boolean isOnline(String value) {
    try {
      return value != null && json.readValue(value, Presence.class).online();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private void write(Presence presence) {
    if (writer != null) {
      writer.execute(() -> send(presence));
    }
  }

  private void send(Presence presence) {
    try {
      producer.send(
          new ProducerRecord<>(
              config.presenceTopic(), presence.userId(), json.writeValueAsString(presence)),
          (metadata, failure) -> {
            if (failure != null) {
              LOG.debugf("Presence of %s not recorded: %s", presence.userId(), failure.toString());
            }
          });
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.debugf("Presence of %s not recorded: %s", presence.userId(), e.toString());
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (repairs != null) {
      repairs.shutdownNow();
      writer.shutdown();
      producer.close(Duration.ofSeconds(2));
    }
  }
}
