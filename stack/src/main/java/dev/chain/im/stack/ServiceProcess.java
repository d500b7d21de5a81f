package dev.chain.im.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** One of our services run from its packaged jar as a child process, logging to a file. */
public final class ServiceProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Path jar;
  private final String host;
  private final int port;
  private final int managementPort;
  private final ChildProcess process;

  /**
   * JVM options for both services, separated by spaces, {@code {service}} standing for the
   * service's name: for trying JIT settings or an AOT cache (see docs/benchmarks.md).
   */
  public static final String JVM_OPTIONS_VARIABLE = "IM_SERVICE_JVM_OPTIONS";

  /**
   * The service on {@code host:port}, with its management interface on {@code managementPort}. On
   * {@code localhost} it listens on every address, as it does by default; on any other (a loopback
   * address of a cluster's part) on that one only.
   */
  public ServiceProcess(
      String name,
      Path jar,
      String host,
      int port,
      int managementPort,
      Map<String, String> properties,
      Path logDirectory) {
    this.name = name;
    this.jar = jar;
    this.host = host;
    this.port = port;
    this.managementPort = managementPort;
    List<String> jvmOptions =
        new ArrayList<>(
            List.of(
                "-Xmx512m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + managementPort));
    if (!"localhost".equals(host)) {
      jvmOptions.add("-Dquarkus.http.host=" + host);
      jvmOptions.add("-Dquarkus.management.host=" + host);
    }
    jvmOptions.addAll(extraJvmOptions(System.getenv(JVM_OPTIONS_VARIABLE), name));
    properties.forEach((key, value) -> jvmOptions.add("-D" + key + "=" + value));
    this.process =
        new ChildProcess(
            name, JavaCommand.jar(jar, jvmOptions), logDirectory.resolve(name + ".log"));
  }

  public String name() {
    return name;
  }

  public URI baseUri() {
    return URI.create("http://" + host + ":" + port);
  }

  /** Where its metrics (and, for message-service, the OpenAPI document) are served. */
  public URI managementUri() {
    return URI.create("http://" + host + ":" + managementPort);
  }

  public Path log() {
    return process.log();
  }

  public void start() {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          name + " is not built: " + jar + " is missing. Run ./mvnw -DskipTests package first.");
    }
    process.start();
  }

  /** Waits until the service answers ready on {@code /q/health/ready}. */
  public void awaitReady(Duration timeout) {
    process.awaitReady(timeout, this::ready);
  }

  public boolean ready() {
    try {
      HttpResponse<Void> response =
          HTTP.send(
              HttpRequest.newBuilder(baseUri().resolve("/q/health/ready"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops the service as an operator would (SIGTERM), waiting for it to exit. */
  public void stop() {
    process.stop();
  }

  /** Kills the service at once (SIGKILL): nothing it holds in memory survives. */
  public void kill() {
    process.kill();
  }

  @Override
  public void close() {
    stop();
  }

  static List<String> extraJvmOptions(String variable, String serviceName) {
    if (variable == null || variable.isBlank()) {
      return List.of();
    }
    return Arrays.stream(variable.trim().split("\\s+"))
        .map(option -> option.replace("{service}", serviceName))
        .toList();
  }
}
