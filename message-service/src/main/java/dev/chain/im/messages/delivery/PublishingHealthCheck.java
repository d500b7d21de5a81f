package dev.chain.im.messages.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports publishing to Kafka. Sends are still accepted while Kafka is down (the chain keeps what
 * is owed), so the service stays ready and the check says "degraded" with the backlog.
 */
@Readiness
@ApplicationScoped
public class PublishingHealthCheck implements HealthCheck {
  private final DeliveryPublisher publisher;

  public PublishingHealthCheck(DeliveryPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public HealthCheckResponse call() {
    DeliveryPublisher.Status status = publisher.status();
    // The failure itself goes to the log, not to this public endpoint.
    return HealthCheckResponse.named("kafka-publishing")
        .up()
        .withData("kafka", status.kafkaAcknowledging() ? "ok" : "degraded")
        .withData("usersBehind", status.usersBehind())
        .withData("entriesBehind", status.entriesBehind())
        .withData("ownedPartitions", status.ownedPartitions())
        .build();
  }
}
