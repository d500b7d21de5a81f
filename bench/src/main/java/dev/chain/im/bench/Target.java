package dev.chain.im.bench;

import dev.chain.im.client.ClientOptions;
import dev.chain.im.client.ImTransport;
import dev.chain.im.stack.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The system under test: a {@link LocalStack} the benchmark started (temporary data, free ports),
 * or a running one given by its addresses. Only a started stack can be put through faults.
 */
final class Target implements AutoCloseable {
  final String rest;
  final String webSocket;
  final String kafkaBootstrap;
  final LocalStack stack;
  final ServiceMetrics messageService;
  final ServiceMetrics pushGateway;
  private final Path dataDirectory;

  private Target(
      String rest,
      String webSocket,
      String kafka,
      URI messageManagement,
      URI gatewayManagement,
      LocalStack stack,
      Path data) {
    this.rest = rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
    this.webSocket = webSocket;
    this.kafkaBootstrap = kafka;
    this.stack = stack;
    this.dataDirectory = data;
    this.messageService = new ServiceMetrics("message-service", messageManagement);
    this.pushGateway = new ServiceMetrics("push-gateway", gatewayManagement);
  }

  /**
   * A running stack: REST base, WebSocket URL, (for the baseline) Kafka, which may be null, and the
   * services' management interfaces, where their metrics are.
   */
  static Target external(
      String rest,
      String webSocket,
      String kafka,
      String messageManagement,
      String gatewayManagement) {
    return new Target(
        rest,
        webSocket,
        kafka,
        URI.create(messageManagement),
        URI.create(gatewayManagement),
        null,
        null);
  }

  /** The load measures capacity, not the per-user rate limits, which would refuse part of it. */
  private static final Map<String, String> UNLIMITED_SENDS =
      Map.of("im.rate-limits.sends-per-minute", "0", "im.rate-limits.read-marks-per-minute", "0");

  /**
   * Starts a local stack in a temporary folder on free ports. {@code quickRecovery} shortens the
   * publisher's retry delay and sweep interval (as the end-to-end tests do) for fault runs.
   */
  static Target start(
      Path projectRoot, boolean quickRecovery, java.util.function.Consumer<String> log) {
    Map<String, String> messageProperties = new HashMap<>(UNLIMITED_SENDS);
    if (quickRecovery) {
      messageProperties.putAll(LocalStack.Settings.QUICK_RECOVERY);
    }
    LocalStack.Settings settings = LocalStack.Settings.throwaway(projectRoot, messageProperties);
    LocalStack stack = LocalStack.start(settings, line -> log.accept("[stack] " + line));
    return new Target(
        stack.messageService().baseUri().toString(),
        stack.gatewayWebSocketUrl(),
        stack.kafka().bootstrapServers(),
        stack.messageService().managementUri(),
        stack.pushGateway().managementUri(),
        stack,
        settings.dataDirectory());
  }

  /** The data folder of a stack the benchmark started, or null. */
  Path dataDirectory() {
    return dataDirectory;
  }

  boolean local() {
    return stack != null;
  }

  ImTransport transport() {
    return ImTransport.create(
        ClientOptions.of(rest, webSocket)
            .withSyncPageSize(500)
            .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30))
            .withReconnect(Duration.ofMillis(100), Duration.ofSeconds(2))
            .withPingInterval(Duration.ofSeconds(10)));
  }

  @Override
  public void close() {
    if (stack != null) {
      stack.close();
      deleteQuietly(dataDirectory);
    }
  }

  private static void deleteQuietly(Path directory) {
    if (directory == null) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      paths
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException e) {
                  // best effort
                }
              });
    } catch (IOException e) {
      // best effort
    }
  }
}
