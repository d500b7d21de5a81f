package dev.chain.im.push.delivery;

import dev.chain.im.push.connection.Connections;
import dev.chain.im.push.frame.Frames;
import dev.chain.im.push.metrics.PushMetrics;
import dev.chain.im.push.notification.OfflineNotifier;
import io.opentelemetry.api.trace.Span;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code im.deliveries} in batches and writes each record, as an entry frame, to every
 * open connection of its user (the record key). Records of one user come from one partition and are
 * handled one after the other, so each device receives its entries in seq order. Nothing here
 * blocks: a write only queues the frame on its connection. Each record, and whether its user was
 * online, then goes to the {@link OfflineNotifier}.
 */
@ApplicationScoped
public class DeliveryConsumer {
  public static final String CHANNEL = "deliveries";
  private static final Logger LOG = Logger.getLogger(DeliveryConsumer.class);

  private final Connections connections;
  private final PushMetrics metrics;
  private final OfflineNotifier notifier;
  private final PushTracing tracing;

  public DeliveryConsumer(
      Connections connections, PushMetrics metrics, OfflineNotifier notifier, PushTracing tracing) {
    this.connections = connections;
    this.metrics = metrics;
    this.notifier = notifier;
    this.tracing = tracing;
  }

  @Incoming(CHANNEL)
  @NonBlocking
  public void consume(ConsumerRecords<String, String> records) {
    for (ConsumerRecord<String, String> record : records) {
      Span span = tracing.start(record);
      try {
        notifier.consumed(record, deliver(record, span));
      } catch (RuntimeException e) {
        span.recordException(e);
        metrics.invalid();
        LOG.warnf(
            e,
            "Could not push record %s-%d@%d",
            record.topic(),
            record.partition(),
            record.offset());
      } finally {
        span.end();
      }
    }
  }

  /** Pushes the record to its user's connections; false if the user had none open here. */
  private boolean deliver(ConsumerRecord<String, String> record, Span span) {
    String userId = record.key();
    String value = record.value();
    if (userId == null || !Frames.isDeliveryValue(value)) {
      metrics.invalid();
      LOG.warnf(
          "Skipping record %s-%d@%d: the key must be a user id and the value a JSON object",
          record.topic(), record.partition(), record.offset());
      return true; // nobody to notify
    }
    if (connections.count(userId) == 0) {
      metrics.offline();
      return false;
    }
    int written = connections.push(userId, Frames.entry(value));
    span.setAttribute("im.push.frames", written);
    if (written == 0) {
      metrics.offline();
      return false;
    }
    metrics.pushed(written, System.currentTimeMillis() - record.timestamp());
    return true;
  }
}
