package dev.chain.im.messages.signal;

import dev.chain.im.messages.config.ImConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Hands ephemeral frames to Kafka, best effort: a signal that cannot be sent now (the queue is
 * full, Kafka refuses it) is dropped and counted, never retried, since it would be stale. It has a
 * producer and a thread of its own, so that signals never delay or fail deliveries, and the thread
 * keeps the event loop free of the producer's waits for metadata.
 */
@ApplicationScoped
public class SignalSender {
  private static final Logger LOG = Logger.getLogger(SignalSender.class);

  private final KafkaProducer<String, String> producer;
  private final ThreadPoolExecutor thread;
  private final String topic;
  private final AtomicLong dropped = new AtomicLong();

  public SignalSender(
      @Identifier("default-kafka-broker") Map<String, Object> kafka, ImConfig config) {
    Map<String, Object> settings = new HashMap<>(kafka);
    settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, "im-signals");
    settings.put(ProducerConfig.ACKS_CONFIG, "1");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    this.producer = new KafkaProducer<>(settings);
    this.topic = config.signals().topic();
    this.thread =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(config.signals().maxQueued()),
            runnable -> new Thread(runnable, "im-signal-sender"));
  }

  /** Sends one frame to one recipient, or drops it. */
  public void send(String recipient, String frame) {
    try {
      thread.execute(() -> sendNow(recipient, frame));
    } catch (RejectedExecutionException full) {
      drop(full);
    }
  }

  /** Signals dropped since the start. */
  public long dropped() {
    return dropped.get();
  }

  private void sendNow(String recipient, String frame) {
    try {
      producer.send(
          new ProducerRecord<>(topic, recipient, frame),
          (metadata, failure) -> {
            if (failure != null) {
              drop(failure);
            }
          });
    } catch (RuntimeException e) {
      drop(e);
    }
  }

  private void drop(Exception cause) {
    if (dropped.getAndIncrement() % 1000 == 0) {
      LOG.warnf("Dropped an ephemeral signal (%d so far): %s", dropped.get(), cause.toString());
    }
  }

  @PreDestroy
  void close() {
    thread.shutdown();
    producer.close(Duration.ofSeconds(2));
  }
}
