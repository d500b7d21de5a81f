package dev.chain.im.push.delivery;

import dev.chain.im.push.connection.Connections;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once this instance reads partitions of the deliveries topic; until then it serves nobody.
 * The Kafka connector's own readiness check reports the broker connection.
 */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {
  private final Connections connections;

  public ConsumerReadiness(Connections connections) {
    this.connections = connections;
  }

  @Override
  public HealthCheckResponse call() {
    int partitions = connections.ownedPartitions();
    return HealthCheckResponse.named("push-deliveries-consumer")
        .status(partitions > 0)
        .withData("assignedPartitions", partitions)
        .build();
  }
}
