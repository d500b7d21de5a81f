package dev.chain.im.bench;

import dev.chain.im.client.ClientOptions;
import dev.chain.im.client.ImTransport;
import dev.chain.im.stack.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The system under test: a {@link LocalStack} the benchmark started (temporary data, free ports),
 * or a running one given by its addresses. Only a started stack can be put through faults.
 */
final class Target implements AutoCloseable {
  final String rest;

  /** Every message-service instance's REST base; the load tool spreads its users over them. */
  final List<String> rests;

  final String webSocket;
  final String kafkaBootstrap;
  final LocalStack stack;
  final ServiceMetrics messageService;
  final ServiceMetrics pushGateway;

  /** Every gateway, with its WebSocket URL as key. */
  final Map<String, ServiceMetrics> gateways;

  private final Path dataDirectory;

  private Target(
      List<String> rests,
      String webSocket,
      String kafka,
      URI messageManagement,
      Map<String, URI> gatewayManagement,
      LocalStack stack,
      Path data) {
    this.rests =
        rests.stream()
            .map(rest -> rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest)
            .toList();
    this.rest = this.rests.get(0);
    this.webSocket = webSocket;
    this.kafkaBootstrap = kafka;
    this.stack = stack;
    this.dataDirectory = data;
    this.messageService = new ServiceMetrics("message-service", messageManagement);
    Map<String, ServiceMetrics> byUrl = new LinkedHashMap<>();
    gatewayManagement.forEach(
        (url, management) -> byUrl.put(url, new ServiceMetrics("push-gateway", management)));
    this.gateways = Collections.unmodifiableMap(byUrl);
    this.pushGateway = byUrl.values().iterator().next();
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
        List.of(rest),
        webSocket,
        kafka,
        URI.create(messageManagement),
        Map.of(webSocket, URI.create(gatewayManagement)),
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
      Path projectRoot,
      boolean quickRecovery,
      LocalStack.Topology topology,
      java.util.function.Consumer<String> log) {
    Map<String, String> messageProperties = new HashMap<>(UNLIMITED_SENDS);
    if (quickRecovery) {
      messageProperties.putAll(LocalStack.Settings.QUICK_RECOVERY);
    }
    LocalStack.Settings settings =
        LocalStack.Settings.throwaway(projectRoot, messageProperties).with(topology);
    LocalStack stack = LocalStack.start(settings, line -> log.accept("[stack] " + line));
    Map<String, URI> gateways = new LinkedHashMap<>();
    stack
        .pushGateways()
        .forEach(
            gateway -> gateways.put(LocalStack.webSocketUrl(gateway), gateway.managementUri()));
    return new Target(
        stack.messageServices().stream().map(service -> service.baseUri().toString()).toList(),
        stack.gatewayWebSocketUrl(),
        stack.kafka().bootstrapServers(),
        stack.messageService().managementUri(),
        gateways,
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

  /** A client transport for the first message-service instance. */
  ImTransport transport() {
    return transport(rest);
  }

  /** One client transport per message-service instance, in the order of {@link #rests}. */
  List<ImTransport> transports() {
    return rests.stream().map(this::transport).toList();
  }

  private ImTransport transport(String base) {
    return ImTransport.create(
        ClientOptions.of(base, webSocket)
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
