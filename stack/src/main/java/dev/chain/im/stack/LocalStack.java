package dev.chain.im.stack;

import dev.chain.im.protocol.push.Topics;
import dev.chain.im.testsupport.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The whole system on this machine without Docker: PostgreSQL from the embedded binaries, KRaft
 * Kafka as child processes of Kafka's own jars, and message-service and push-gateway as child
 * processes of their packaged jars, all data under one folder so that a second run keeps the
 * history. By default one of each on localhost; a {@link Topology} with more puts every part on a
 * loopback address of its own (Kafka 127.0.0.11 and up, message-service 127.0.0.21 and up,
 * push-gateway 127.0.0.31 and up), as separate machines would be.
 */
public final class LocalStack implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Settings settings;
  private PostgresServer postgres;
  private KafkaCluster kafka;
  private final List<ServiceProcess> messageServices = new ArrayList<>();
  private final List<ServiceProcess> pushGateways = new ArrayList<>();

  /** How many of each part run. */
  public record Topology(int brokers, int messageServices, int gateways) {
    /** One of each, on localhost. */
    public static final Topology SINGLE = new Topology(1, 1, 1);

    /** Three Kafka brokers, two message-service instances, three gateways. */
    public static final Topology CLUSTER = new Topology(3, 2, 3);

    public Topology {
      if (brokers < 1 || messageServices < 1 || gateways < 1) {
        throw new IllegalArgumentException("every part needs at least one instance");
      }
    }

    boolean single() {
      return equals(SINGLE);
    }
  }

  /** Where the stack keeps its data and which ports it uses; port 0 means any free one. */
  public record Settings(
      Path projectRoot,
      Path dataDirectory,
      int postgresPort,
      int kafkaPort,
      int messagePort,
      int gatewayPort,
      int messageManagementPort,
      int gatewayManagementPort,
      Map<String, String> messageProperties,
      Map<String, String> gatewayProperties,
      Topology topology) {

    /** Publisher settings that retry and sweep within seconds, for runs that inject faults. */
    public static final Map<String, String> QUICK_RECOVERY =
        Map.of("im.delivery.sweep-interval", "PT2S", "im.delivery.retry-delay", "PT1S");

    /** A stack in a new temporary folder on free ports, for tests and benchmarks. */
    public static Settings throwaway(Path projectRoot, Map<String, String> messageProperties) {
      try {
        Path data = Files.createTempDirectory("im-stack");
        return new Settings(
            projectRoot, data, 0, 0, 0, 0, 0, 0, messageProperties, Map.of(), Topology.SINGLE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Reads IM_DATA_DIR and the IM_*_PORT variables, with the documented defaults. */
    public static Settings fromEnvironment() {
      Path root = Path.of(System.getProperty("im.project.root", ".")).toAbsolutePath().normalize();
      return new Settings(
          root,
          Path.of(env("IM_DATA_DIR", root.resolve("data").toString())).toAbsolutePath(),
          port("IM_POSTGRES_PORT", 55432),
          port("IM_KAFKA_PORT", 59092),
          port("IM_MESSAGE_PORT", 8080),
          port("IM_GATEWAY_PORT", 8081),
          port("IM_MESSAGE_MANAGEMENT_PORT", 9000),
          port("IM_GATEWAY_MANAGEMENT_PORT", 9001),
          Map.of(),
          Map.of(),
          Topology.SINGLE);
    }

    /** The same settings with these properties added to both services' own. */
    public Settings withServiceProperties(Map<String, String> both) {
      Map<String, String> message = new HashMap<>(messageProperties);
      message.putAll(both);
      Map<String, String> gateway = new HashMap<>(gatewayProperties);
      gateway.putAll(both);
      return copy(Map.copyOf(message), Map.copyOf(gateway), topology);
    }

    /** The same settings with another topology. */
    public Settings with(Topology other) {
      return copy(messageProperties, gatewayProperties, other);
    }

    private Settings copy(
        Map<String, String> message, Map<String, String> gateway, Topology other) {
      return new Settings(
          projectRoot,
          dataDirectory,
          postgresPort,
          kafkaPort,
          messagePort,
          gatewayPort,
          messageManagementPort,
          gatewayManagementPort,
          message,
          gateway,
          other);
    }

    private static String env(String name, String fallback) {
      String value = System.getenv(name);
      return value == null || value.isBlank() ? fallback : value;
    }

    private static int port(String name, int fallback) {
      String value = env(name, Integer.toString(fallback));
      try {
        int port = Integer.parseInt(value);
        if (port >= 0 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(name + " must be a port number, got '" + value + "'");
    }
  }

  private LocalStack(Settings settings) {
    this.settings = settings;
  }

  /** Starts every part, in order, each one ready before the next; progress lines go to the sink. */
  public static LocalStack start(Settings settings, Consumer<String> progress) {
    LocalStack stack = new LocalStack(settings);
    try {
      stack.startAll(progress);
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  public KafkaCluster kafka() {
    return kafka;
  }

  /** The folder that holds the stack's data: PostgreSQL, Kafka, the demo's keys and the logs. */
  public Path dataDirectory() {
    return settings.dataDirectory();
  }

  public PostgresServer postgres() {
    return postgres;
  }

  /** The first message-service instance. */
  public ServiceProcess messageService() {
    return messageServices.get(0);
  }

  public List<ServiceProcess> messageServices() {
    return List.copyOf(messageServices);
  }

  /** The first push-gateway. */
  public ServiceProcess pushGateway() {
    return pushGateways.get(0);
  }

  public List<ServiceProcess> pushGateways() {
    return List.copyOf(pushGateways);
  }

  /** The first gateway's WebSocket URL. */
  public String gatewayWebSocketUrl() {
    return webSocketUrl(pushGateway());
  }

  /** A gateway's WebSocket URL, which it advertises for {@code GET /v1/route}. */
  public static String webSocketUrl(ServiceProcess gateway) {
    return gateway.baseUri().toString().replace("http://", "ws://") + "/v1/ws";
  }

  private void startAll(Consumer<String> progress) {
    Topology topology = settings.topology();
    int postgresPort = Ports.free(settings.postgresPort(), "PostgreSQL", "IM_POSTGRES_PORT");
    Path data = settings.dataDirectory();
    Path logs = data.resolve("logs");
    createDirectories(logs);

    progress.accept("PostgreSQL       starting (data in " + data.resolve("postgres") + ")");
    postgres = PostgresServer.startEmbedded(data.resolve("postgres"), postgresPort, true);
    progress.accept("PostgreSQL       ready    localhost:" + postgres.port());

    KafkaInstallation installation = KafkaInstallation.in(settings.projectRoot());
    kafka =
        topology.single()
            ? KafkaCluster.single(
                installation,
                Ports.free(settings.kafkaPort(), "Kafka", "IM_KAFKA_PORT"),
                data,
                logs)
            : KafkaCluster.onLoopback(installation, topology.brokers(), data, logs);
    progress.accept(
        pad("Kafka") + " starting (" + topology.brokers() + " node(s), data in " + data + ")");
    kafka.start();
    kafka.createTopics(Topics.DELIVERIES, Topics.NOTIFICATIONS, Topics.SIGNALS, Topics.PRESENCE);
    progress.accept(pad("Kafka") + " ready    " + kafka.bootstrapServers());

    Map<String, String> common = new HashMap<>();
    common.put("quarkus.profile", "demo");
    common.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    // The demo's signing key pair is made by message-service on its first start, in ./data.
    Path keys = data.resolve("keys").toAbsolutePath();

    for (int i = 1; i <= topology.gateways(); i++) {
      Address address =
          address(
              topology,
              30 + i,
              "push-gateway",
              settings.gatewayPort(),
              "IM_GATEWAY_PORT",
              settings.gatewayManagementPort(),
              "IM_GATEWAY_MANAGEMENT_PORT");
      String host = address.host();
      int port = address.port();
      Map<String, String> properties = new HashMap<>(common);
      properties.put("mp.jwt.verify.publickey.location", "file:" + keys.resolve("public.pem"));
      properties.put("im.push.public-url", "ws://" + host + ":" + port + "/v1/ws");
      properties.putAll(settings.gatewayProperties());
      pushGateways.add(
          new ServiceProcess(
              instanceName("push-gateway", i, topology.gateways()),
              settings.projectRoot().resolve("push-gateway/target/quarkus-app/quarkus-run.jar"),
              host,
              port,
              address.managementPort(),
              properties,
              logs));
    }

    for (int i = 1; i <= topology.messageServices(); i++) {
      Address address =
          address(
              topology,
              20 + i,
              "message-service",
              settings.messagePort(),
              "IM_MESSAGE_PORT",
              settings.messageManagementPort(),
              "IM_MESSAGE_MANAGEMENT_PORT");
      Map<String, String> properties = new HashMap<>(common);
      properties.put("im.web.gateway-url", gatewayWebSocketUrl());
      properties.put("quarkus.datasource.reactive.url", postgres.reactiveUrl());
      properties.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
      properties.put("quarkus.datasource.username", postgres.user());
      properties.put("quarkus.datasource.password", postgres.password());
      properties.put("im.auth.dev-tokens.keys-directory", keys.toString());
      properties.putAll(settings.messageProperties());
      messageServices.add(
          new ServiceProcess(
              instanceName("message-service", i, topology.messageServices()),
              settings.projectRoot().resolve("message-service/target/quarkus-app/quarkus-run.jar"),
              address.host(),
              address.port(),
              address.managementPort(),
              properties,
              logs));
    }

    // message-service first: the gateways trust the key pair it makes on its first start.
    List<ServiceProcess> services = new ArrayList<>(messageServices);
    services.addAll(pushGateways);
    for (ServiceProcess service : services) {
      progress.accept(pad(service.name()) + " starting (log in " + service.log() + ")");
      service.start();
      service.awaitReady(START_TIMEOUT);
      progress.accept(pad(service.name()) + " ready    " + service.baseUri());
    }
  }

  /** Where one service instance listens: its HTTP port and its management port. */
  private record Address(String host, int port, int managementPort) {}

  /**
   * One of each on localhost: the configured ports (0 for any free one), as the variables say. A
   * cluster: loopback address 127.0.0.{@code hostByte}, any free ports on it.
   */
  private static Address address(
      Topology topology,
      int hostByte,
      String service,
      int port,
      String portVariable,
      int managementPort,
      String managementVariable) {
    if (topology.single()) {
      return new Address(
          "localhost",
          Ports.free(port, service, portVariable),
          Ports.free(managementPort, service + " management", managementVariable));
    }
    String host = "127.0.0." + hostByte;
    return new Address(host, Ports.any(host), Ports.any(host));
  }

  private static String instanceName(String service, int instance, int instances) {
    return instances == 1 ? service : service + "-" + instance;
  }

  @Override
  public void close() {
    List<AutoCloseable> parts = new ArrayList<>(pushGateways);
    parts.addAll(messageServices);
    parts.add(kafka);
    parts.add(postgres);
    for (AutoCloseable part : parts) {
      if (part != null) {
        try {
          part.close();
        } catch (Exception e) {
          System.err.println("while stopping: " + e);
        }
      }
    }
  }

  public static void main(String[] args) throws InterruptedException {
    Settings settings;
    try {
      settings = Settings.fromEnvironment();
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.out.println("IM local stack, data in " + settings.dataDirectory());
    LocalStack stack;
    try {
      stack = start(settings, line -> System.out.println("  " + line));
    } catch (RuntimeException e) {
      System.err.println("Could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping…");
                  stack.close();
                  System.out.println("Stopped. Data kept in " + settings.dataDirectory());
                  stopped.countDown();
                }));
    String rest = stack.messageService().baseUri().toString();
    System.out.println();
    System.out.println("Chat page        " + rest + "/");
    String management = stack.messageService().managementUri().toString();
    System.out.println(
        "REST API         " + rest + "/v1  (Swagger UI: " + management + "/q/swagger-ui)");
    System.out.println(
        "Metrics          "
            + management
            + "/q/metrics, "
            + stack.pushGateway().managementUri()
            + "/q/metrics");
    System.out.println("WebSocket        " + stack.gatewayWebSocketUrl());
    System.out.println("Dev tokens       http POST " + rest + "/v1/dev/tokens userId=alice");
    System.out.println("Ctrl-C stops everything.");
    stopped.await();
  }

  private static String pad(String name) {
    return String.format("%-16s", name);
  }

  private static void createDirectories(Path... directories) {
    try {
      for (Path directory : directories) {
        Files.createDirectories(directory);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
