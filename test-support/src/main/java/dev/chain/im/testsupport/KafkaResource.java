package dev.chain.im.testsupport;

import dev.chain.im.protocol.push.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * One Kafka broker per test JVM, handed to Quarkus as the bootstrap servers, with the deliveries
 * topic in place.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {
  private static KafkaServer server;

  /** The running broker, for tests that stop and start it. */
  public static synchronized KafkaServer server() {
    if (server == null) {
      server = KafkaServer.start();
      server.createTopics(Topics.DELIVERIES, Topics.NOTIFICATIONS, Topics.SIGNALS, Topics.PRESENCE);
    }
    return server;
  }

  @Override
  public Map<String, String> start() {
    return Map.of("kafka.bootstrap.servers", server().bootstrapServers());
  }

  @Override
  public void stop() {
    // Shared by every test class of the module; the JVM's exit ends it.
  }
}
