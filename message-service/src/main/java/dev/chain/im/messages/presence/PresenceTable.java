package dev.chain.im.messages.presence;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chain.im.messages.config.ImConfig;
import dev.chain.im.messages.delivery.PublishOwnership;
import dev.chain.im.messages.signal.SignalFrames;
import dev.chain.im.protocol.push.Presence;
import dev.chain.im.protocol.push.PresenceFrame;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Everyone's presence, read from the compacted presence topic from its beginning into memory (one
 * small entry per user seen), and kept current. A change that happens while this instance runs is
 * told to the user's 1:1 peers by the instance that publishes that user (so once).
 */
@ApplicationScoped
public class PresenceTable {
  private static final Logger LOG = Logger.getLogger(PresenceTable.class);

  private final Map<String, Presence> known = new ConcurrentHashMap<>();
  private final ObjectMapper json;
  private final PresenceStore store;
  private final SignalFrames signals;
  private final PublishOwnership ownership;
  private final String topic;
  private final String bootstrapServers;
  private final long startedAt = System.currentTimeMillis();
  private volatile boolean running = true;
  private KafkaConsumer<String, String> consumer;
  private Thread thread;

  public PresenceTable(
      ObjectMapper json,
      PresenceStore store,
      SignalFrames signals,
      PublishOwnership ownership,
      ImConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.json = json;
    this.store = store;
    this.signals = signals;
    this.ownership = ownership;
    this.topic = config.presence().topic();
    this.bootstrapServers = bootstrapServers;
  }

  void start(@Observes StartupEvent event) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "im-presence",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer());
    thread = new Thread(this::run, "im-presence");
    thread.setDaemon(true);
    thread.start();
  }

  /** The user's presence as last recorded; offline and never seen if nothing was. */
  public Presence of(String userId) {
    return known.getOrDefault(userId, new Presence(userId, false, null));
  }

  private void run() {
    while (running) {
      try {
        if (consumer.assignment().isEmpty()) {
          List<TopicPartition> partitions =
              consumer.partitionsFor(topic).stream()
                  .map(info -> new TopicPartition(topic, info.partition()))
                  .toList();
          consumer.assign(partitions);
          consumer.seekToBeginning(partitions);
        }
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          apply(record);
        }
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warnf("Reading presence failed; going on: %s", e.toString());
        sleep();
      }
    }
  }

  private void apply(ConsumerRecord<String, String> record) {
    Presence presence;
    try {
      presence = json.readValue(record.value(), Presence.class);
    } catch (Exception e) {
      return; // not a presence record
    }
    Presence before = known.put(presence.userId(), presence);
    boolean changed = before == null || before.online() != presence.online();
    if (changed && record.timestamp() >= startedAt && ownership.owns(presence.userId())) {
      PresenceFrame frame =
          new PresenceFrame(presence.userId(), presence.online(), presence.lastSeenAt());
      store
          .peers(presence.userId())
          .subscribe()
          .with(
              peers -> signals.send(frame, peers),
              failure -> LOG.debugf("No presence frames: %s", failure.toString()));
    }
  }

  private void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
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
