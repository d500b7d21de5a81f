package dev.chain.im.messages.delivery;

import dev.chain.im.messages.config.ImConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Hands records to one Kafka producer from one thread of its own. The producer may block while it
 * has no metadata (Kafka down), which must never happen on an event loop; one thread also keeps the
 * order in which the publisher handed records over, which is each user's seq order.
 */
@ApplicationScoped
public class KafkaSender {
  private final KafkaProducer<String, String> producer;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "im-kafka-sender"));
  private final String topic;

  /** Set by a failed send, cleared by a good one: spares queued records a blocking wait each. */
  private volatile Exception down;

  public KafkaSender(
      @Identifier("default-kafka-broker") Map<String, Object> kafka, ImConfig config) {
    Map<String, Object> settings = new HashMap<>(kafka);
    settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "im-deliveries");
    this.producer = new KafkaProducer<>(settings);
    this.topic = config.delivery().topic();
  }

  /** Sends one record; {@code done} gets null once Kafka has it, or the failure. */
  public void send(String key, String value, Consumer<Exception> done) {
    thread.execute(
        () -> {
          try {
            producer.send(
                new ProducerRecord<>(topic, key, value),
                (metadata, failure) -> done.accept(failure));
          } catch (RuntimeException e) {
            done.accept(e);
          }
        });
  }

  /** Whether Kafka answers for the topic right now; blocks, so call it off the event loop. */
  public boolean reachable() {
    try {
      boolean reachable = !producer.partitionsFor(topic).isEmpty();
      if (reachable) {
        down = null;
      }
      return reachable;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @PreDestroy
  void close() {
    thread.shutdown();
    producer.close(Duration.ofSeconds(5));
  }
}
