package dev.chain.im.messages.delivery;

import dev.chain.im.messages.config.ImConfig;
import dev.chain.im.protocol.push.Topics;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Hands records to one Kafka producer from one thread of its own. The producer may block while it
 * has no metadata (Kafka down), which must never happen on an event loop; one thread also keeps the
 * order in which the publisher handed records over, which is each user's seq order. The queue in
 * front of that thread is bounded, and once a send has failed the queued records fail at once
 * instead of each blocking, until {@link #reachable} sees Kafka answer again.
 */
@ApplicationScoped
public class KafkaSender {
  private static final byte[] MUTED = "true".getBytes(StandardCharsets.US_ASCII);

  private final KafkaProducer<String, String> producer;
  private final Admin admin;
  private final ThreadPoolExecutor thread;
  private final String topic;
  private final Duration probeTimeout;

  /** Set by a failed send, cleared once Kafka is reachable: spares queued records a wait each. */
  private volatile Exception down;

  public KafkaSender(
      @Identifier("default-kafka-broker") Map<String, Object> kafka, Admin admin, ImConfig config) {
    Map<String, Object> settings = new HashMap<>(kafka);
    settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "im-deliveries");
    this.producer = new KafkaProducer<>(settings);
    this.admin = admin;
    this.thread =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(config.delivery().maxQueuedRecords()),
            runnable -> new Thread(runnable, "im-kafka-sender"));
    this.topic = config.delivery().topic();
    this.probeTimeout = config.delivery().probeTimeout();
  }

  /**
   * Sends one record, marked with {@link Topics#MUTED_HEADER} when {@code muted} and carrying the
   * {@code trace} headers; {@code done} gets null once Kafka has it, or the failure.
   */
  public void send(
      String key,
      String value,
      boolean muted,
      Map<String, String> trace,
      Consumer<Exception> done) {
    try {
      thread.execute(() -> sendNow(key, value, muted, trace, done));
    } catch (RejectedExecutionException full) {
      done.accept(new RejectedExecutionException("the Kafka send queue is full", full));
    }
  }

  private void sendNow(
      String key,
      String value,
      boolean muted,
      Map<String, String> trace,
      Consumer<Exception> done) {
    Exception known = down;
    if (known != null) {
      done.accept(known);
      return;
    }
    try {
      ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
      if (muted) {
        record.headers().add(Topics.MUTED_HEADER, MUTED);
      }
      trace.forEach(
          (name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
      producer.send(
          record,
          (metadata, failure) -> {
            if (failure != null) {
              down = failure;
            }
            done.accept(failure);
          });
    } catch (RuntimeException e) {
      down = e;
      done.accept(e);
    }
  }

  /**
   * Waits until every record handed over so far is acknowledged or refused by Kafka. Blocks, so
   * call it off the event loop.
   */
  public void flush(Duration timeout) throws InterruptedException, TimeoutException {
    try {
      CompletableFuture.runAsync(producer::flush, thread)
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | RejectedExecutionException e) {
      // the producer is closing: nothing more will be acknowledged
    }
  }

  /**
   * Whether a broker answers for the topic right now, asked over the network (the producer's
   * metadata is a cache that outlives the broker). Blocks, so call it off the event loop.
   */
  public boolean reachable() {
    try {
      admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(probeTimeout.toMillis(), TimeUnit.MILLISECONDS);
      down = null;
      return true;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @PreDestroy
  void close() {
    thread.shutdown();
    producer.close(Duration.ofSeconds(5));
  }
}
