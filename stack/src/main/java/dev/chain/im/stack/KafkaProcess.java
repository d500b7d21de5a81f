package dev.chain.im.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One Kafka node of the stack: {@code kafka.Kafka} from Kafka's own jars as a process of its own,
 * one KRaft node (broker and controller) on the configured address and port. The first start
 * formats the data folder with a new cluster id; every later one, also by a new stack on the same
 * folder, opens it as it is. Stopping and starting again keeps the port and the data, which the
 * fault tests use.
 */
public final class KafkaProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> JVM_OPTIONS =
      List.of(
          "-Xmx512m",
          "-Djava.awt.headless=true",
          "-Dorg.slf4j.simpleLogger.showDateTime=true",
          "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS");

  private final KafkaInstallation installation;
  private final KafkaBrokerConfig config;
  private final Path serverProperties;
  private final Path log;
  private final ChildProcess broker;
  private final String clusterId;

  /**
   * A node that logs to {@code name}.log; {@code clusterId} formats new storage, the same for all
   * nodes of one cluster.
   */
  KafkaProcess(
      String name,
      KafkaInstallation installation,
      KafkaBrokerConfig config,
      String clusterId,
      Path serverProperties,
      Path logDirectory) {
    this.installation = installation;
    this.config = config;
    this.clusterId = clusterId;
    this.serverProperties = serverProperties;
    this.log = logDirectory.resolve(name + ".log");
    this.broker =
        new ChildProcess(
            name,
            installation.command("kafka.Kafka", JVM_OPTIONS, List.of(serverProperties.toString())),
            log);
  }

  public String bootstrapServers() {
    return config.bootstrapServers();
  }

  public Path log() {
    return log;
  }

  /** Starts the broker unless it runs, formatting its storage first if new, and waits for it. */
  public void start() {
    launch();
    awaitServing();
  }

  /**
   * Starts the process without waiting: the nodes of a cluster serve only once a majority of their
   * controllers runs, so all are launched before any is awaited.
   */
  synchronized void launch() {
    if (broker.alive()) {
      return;
    }
    installation.requireBuilt();
    Ports.free(config.host(), config.port(), "Kafka", "IM_KAFKA_PORT");
    config.writeTo(serverProperties);
    formatStorageIfNew();
    broker.start();
  }

  /** Waits until the broker serves. */
  void awaitServing() {
    broker.awaitReady(START_TIMEOUT, this::serving);
  }

  /** Kills the broker at once (SIGKILL), keeping its data. */
  public void kill() {
    broker.kill();
  }

  /** Stops the broker (SIGTERM), keeping its data. */
  public void stop() {
    broker.stop();
  }

  /** Starts the stopped broker again on the same port and data, and waits until it serves. */
  public void restart() {
    start();
  }

  @Override
  public void close() {
    stop();
  }

  private void formatStorageIfNew() {
    if (Files.exists(config.logDirectory().resolve("meta.properties"))) {
      return;
    }
    List<String> format = List.of("format", "-t", clusterId, "-c", serverProperties.toString());
    ChildProcess storageTool =
        new ChildProcess(
            "Kafka storage format",
            installation.command("kafka.tools.StorageTool", JVM_OPTIONS, format),
            log);
    if (storageTool.runToEnd(FORMAT_TIMEOUT) != 0) {
      throw new IllegalStateException(
          "could not format Kafka's storage in " + config.logDirectory() + "; see " + log);
    }
  }

  /** Whether the broker accepts connections and has registered with its controller. */
  private boolean serving() {
    if (!Ports.accepting(config.host(), config.port())) {
      return false;
    }
    try (Admin admin = admin()) {
      return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Admin admin() {
    int timeout = (int) ADMIN_TIMEOUT.toMillis();
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout));
  }
}
