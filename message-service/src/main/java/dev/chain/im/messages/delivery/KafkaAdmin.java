package dev.chain.im.messages.delivery;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** One Kafka admin client for the service, configured from the same {@code kafka.*} keys. */
public class KafkaAdmin {
  @Produces
  @Singleton
  Admin admin(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
    Map<String, Object> settings = new HashMap<>(kafka);
    settings.keySet().retainAll(AdminClientConfig.configNames());
    settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "im-admin");
    return Admin.create(settings);
  }

  void close(@Disposes Admin admin) {
    admin.close(Duration.ofSeconds(5));
  }
}
