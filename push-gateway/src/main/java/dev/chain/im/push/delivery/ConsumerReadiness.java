package dev.chain.im.push.delivery;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once this instance reads partitions of the deliveries topic; until then no entry would
 * reach a device. The Kafka connector's own readiness check reports the broker connection.
 */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {
  private final ConsumerAssignment assignment;

  public ConsumerReadiness(@Identifier(ConsumerAssignment.NAME) ConsumerAssignment assignment) {
    this.assignment = assignment;
  }

  @Override
  public HealthCheckResponse call() {
    int partitions = assignment.assignedPartitions();
    return HealthCheckResponse.named("push-deliveries-consumer")
        .status(partitions > 0)
        .withData("assignedPartitions", partitions)
        .build();
  }
}
