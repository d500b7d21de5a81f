package dev.chain.im.messages.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * The publish backlog, read from the publisher at each scrape: who and how much Kafka still owes.
 * The three gauges of a scrape share one walk of the publisher's lanes, which holds its lock.
 */
@ApplicationScoped
class PublishBacklogGauges {
  private static final long SHARED_NANOS = Duration.ofSeconds(1).toNanos();

  private DeliveryPublisher.Status last;
  private long lastAt;

  void register(@Observes StartupEvent event, DeliveryPublisher publisher, MeterRegistry registry) {
    Gauge.builder("im.publish.users.behind", publisher, p -> status(p).usersBehind())
        .description("Users of this instance with entries Kafka has not acknowledged")
        .register(registry);
    Gauge.builder("im.publish.entries.behind", publisher, p -> status(p).entriesBehind())
        .description("Entries of this instance's users that Kafka has not acknowledged")
        .register(registry);
    Gauge.builder("im.publish.partitions.owned", publisher, p -> status(p).ownedPartitions())
        .description("Partitions of the deliveries topic whose users this instance publishes")
        .register(registry);
  }

  /** The publisher's status, walked again only when the last walk is over a second old. */
  private synchronized DeliveryPublisher.Status status(DeliveryPublisher publisher) {
    long now = System.nanoTime();
    if (last == null || now - lastAt > SHARED_NANOS) {
      last = publisher.status();
      lastAt = now;
    }
    return last;
  }
}
