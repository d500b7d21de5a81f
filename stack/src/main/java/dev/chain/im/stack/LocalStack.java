package dev.chain.im.stack;

import dev.chain.im.protocol.push.Topics;
import dev.chain.im.testsupport.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The whole system on this machine without Docker: PostgreSQL from the embedded binaries, a KRaft
 * Kafka broker as a child process of Kafka's own jars, and message-service and push-gateway as
 * child processes of their packaged jars, all data under one folder so that a second run keeps the
 * history.
 */
public final class LocalStack implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Settings settings;
  private PostgresServer postgres;
  private KafkaProcess kafka;
  private ServiceProcess messageService;
  private ServiceProcess pushGateway;

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
      Map<String, String> gatewayProperties) {

    /** Publisher settings that retry and sweep within seconds, for runs that inject faults. */
    public static final Map<String, String> QUICK_RECOVERY =
        Map.of("im.delivery.sweep-interval", "PT2S", "im.delivery.retry-delay", "PT1S");

    /** A stack in a new temporary folder on free ports, for tests and benchmarks. */
    public static Settings throwaway(Path projectRoot, Map<String, String> messageProperties) {
      try {
        Path data = Files.createTempDirectory("im-stack");
        return new Settings(projectRoot, data, 0, 0, 0, 0, 0, 0, messageProperties, Map.of());
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
          Map.of());
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

  public KafkaProcess kafka() {
    return kafka;
  }

  /** The folder that holds the stack's data: PostgreSQL, Kafka, the demo's keys and the logs. */
  public Path dataDirectory() {
    return settings.dataDirectory();
  }

  public PostgresServer postgres() {
    return postgres;
  }

  public ServiceProcess messageService() {
    return messageService;
  }

  public ServiceProcess pushGateway() {
    return pushGateway;
  }

  public String gatewayWebSocketUrl() {
    return pushGateway.baseUri().toString().replace("http://", "ws://") + "/v1/ws";
  }

  private void startAll(Consumer<String> progress) {
    int postgresPort = Ports.free(settings.postgresPort(), "PostgreSQL", "IM_POSTGRES_PORT");
    int kafkaPort = Ports.free(settings.kafkaPort(), "Kafka", "IM_KAFKA_PORT");
    int messagePort = Ports.free(settings.messagePort(), "message-service", "IM_MESSAGE_PORT");
    int gatewayPort = Ports.free(settings.gatewayPort(), "push-gateway", "IM_GATEWAY_PORT");
    int messageManagementPort =
        Ports.free(
            settings.messageManagementPort(),
            "message-service management",
            "IM_MESSAGE_MANAGEMENT_PORT");
    int gatewayManagementPort =
        Ports.free(
            settings.gatewayManagementPort(),
            "push-gateway management",
            "IM_GATEWAY_MANAGEMENT_PORT");
    int controllerPort = Ports.any();
    Path data = settings.dataDirectory();
    Path logs = data.resolve("logs");
    createDirectories(data.resolve("kafka"), logs);

    progress.accept("PostgreSQL       starting (data in " + data.resolve("postgres") + ")");
    postgres = PostgresServer.startEmbedded(data.resolve("postgres"), postgresPort, true);
    progress.accept("PostgreSQL       ready    localhost:" + postgres.port());

    progress.accept("Kafka            starting (data in " + data.resolve("kafka") + ")");
    kafka =
        new KafkaProcess(
            KafkaInstallation.in(settings.projectRoot()),
            new KafkaBrokerConfig(kafkaPort, controllerPort, data.resolve("kafka")),
            data.resolve("kafka-server.properties"),
            logs);
    kafka.start();
    kafka.createTopics(Topics.DELIVERIES);
    progress.accept("Kafka            ready    " + kafka.bootstrapServers());

    Map<String, String> common = new HashMap<>();
    common.put("quarkus.profile", "demo");
    common.put("kafka.bootstrap.servers", kafka.bootstrapServers());

    Map<String, String> messageProperties = new HashMap<>(common);
    messageProperties.put("im.web.gateway-url", "ws://localhost:" + gatewayPort + "/v1/ws");
    messageProperties.put("quarkus.datasource.reactive.url", postgres.reactiveUrl());
    messageProperties.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
    messageProperties.put("quarkus.datasource.username", postgres.user());
    messageProperties.put("quarkus.datasource.password", postgres.password());
    // The demo's signing key pair is made by message-service on its first start, in ./data.
    Path keys = data.resolve("keys").toAbsolutePath();
    messageProperties.put("im.auth.dev-tokens.keys-directory", keys.toString());
    messageProperties.putAll(settings.messageProperties());
    messageService =
        new ServiceProcess(
            "message-service",
            settings.projectRoot().resolve("message-service/target/quarkus-app/quarkus-run.jar"),
            messagePort,
            messageManagementPort,
            messageProperties,
            logs);

    Map<String, String> gatewayProperties = new HashMap<>(common);
    gatewayProperties.put("mp.jwt.verify.publickey.location", "file:" + keys.resolve("public.pem"));
    gatewayProperties.putAll(settings.gatewayProperties());
    pushGateway =
        new ServiceProcess(
            "push-gateway",
            settings.projectRoot().resolve("push-gateway/target/quarkus-app/quarkus-run.jar"),
            gatewayPort,
            gatewayManagementPort,
            gatewayProperties,
            logs);

    for (ServiceProcess service : new ServiceProcess[] {messageService, pushGateway}) {
      progress.accept(pad(service.name()) + " starting (log in " + service.log() + ")");
      service.start();
      service.awaitReady(START_TIMEOUT);
      progress.accept(pad(service.name()) + " ready    " + service.baseUri());
    }
  }

  @Override
  public void close() {
    for (AutoCloseable part : new AutoCloseable[] {pushGateway, messageService, kafka, postgres}) {
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
