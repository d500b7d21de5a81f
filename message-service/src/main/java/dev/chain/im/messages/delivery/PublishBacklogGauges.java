package dev.chain.im.messages.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The publish backlog, read from the publisher at each scrape: who and how much Kafka still owes.
 */
@ApplicationScoped
class PublishBacklogGauges {
  void register(@Observes StartupEvent event, DeliveryPublisher publisher, MeterRegistry registry) {
    Gauge.builder("im.publish.users.behind", publisher, p -> p.status().usersBehind())
        .description("Users of this instance with entries Kafka has not acknowledged")
        .register(registry);
    Gauge.builder("im.publish.entries.behind", publisher, p -> p.status().entriesBehind())
        .description("Entries of this instance's users that Kafka has not acknowledged")
        .register(registry);
    Gauge.builder("im.publish.partitions.owned", publisher, p -> p.status().ownedPartitions())
        .description("Partitions of the deliveries topic whose users this instance publishes")
        .register(registry);
  }
}
