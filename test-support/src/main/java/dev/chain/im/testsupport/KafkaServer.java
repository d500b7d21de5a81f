package dev.chain.im.testsupport;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.Uuid;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A throwaway Kafka broker for tests: the {@code apache/kafka} image where Docker runs, otherwise a
 * single KRaft node in the test's JVM, in a temporary folder. The embedded broker can be stopped
 * and started again on the same port and log directory. (The local stack runs its broker as a
 * process of its own instead.)
 */
public final class KafkaServer implements AutoCloseable {

  private final boolean container;
  private final Path logDirectory;
  private final int port;
  private final int controllerPort;
  private final String clusterId;
  private AutoCloseable running;
  private String bootstrapServers;

  private KafkaServer(boolean container, Path logDirectory, int port) {
    this.container = container;
    this.logDirectory = logDirectory;
    this.port = port;
    this.controllerPort = container ? 0 : freePort();
    this.clusterId = container ? null : Uuid.randomUuid().toString();
  }

  /** Starts a throwaway broker, in a container when Docker is there. */
  public static KafkaServer start() {
    if (Docker.available()) {
      KafkaServer server = new KafkaServer(true, null, 0);
      server.startContainer();
      return server;
    }
    try {
      KafkaServer server =
          new KafkaServer(false, Files.createTempDirectory("im-kafka"), freePort());
      server.startEmbedded();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Stops the broker, keeping its data. */
  public synchronized void stop() {
    if (running == null) {
      return;
    }
    try {
      running.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop Kafka", e);
    }
    running = null;
  }

  /** Whether {@link #restart} can bring the broker back: the embedded one, not a container. */
  public boolean restartable() {
    return !container;
  }

  /** Starts the embedded broker again on the same port and data. */
  public synchronized void restart() {
    if (container) {
      throw new UnsupportedOperationException("a container broker is not restarted in place");
    }
    if (running == null) {
      startEmbedded();
    }
  }

  /** Creates topics with 12 partitions unless they exist ({@link KafkaTopics}). */
  public void createTopics(String... names) {
    KafkaTopics.create(bootstrapServers(), 12, names);
  }

  @Override
  public void close() {
    stop();
  }

  private void startContainer() {
    KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
    kafka.start();
    running = kafka::stop;
    bootstrapServers = kafka.getBootstrapServers();
  }

  private void startEmbedded() {
    EmbeddedKafkaBroker broker =
        new EmbeddedKafkaBroker()
            .withNodeId(1)
            .withKafkaHost("localhost")
            .withKafkaPort(port)
            .withControllerPort(controllerPort)
            .withClusterId(clusterId)
            .withDeleteLogDirsOnClose(false)
            .withAdditionalProperties(
                props -> {
                  props.put("log.dirs", logDirectory.toString());
                  props.put("num.partitions", "12");
                  props.put("offsets.topic.num.partitions", "1");
                  props.put("group.initial.rebalance.delay.ms", "0");
                  props.put("auto.create.topics.enable", "true");
                });
    broker.start();
    running = broker;
    bootstrapServers = broker.getAdvertisedListeners();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
