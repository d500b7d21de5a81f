package dev.chain.im.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One of our services run from its packaged jar as a child process, logging to a file. */
public final class ServiceProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Path jar;
  private final int port;
  private final Map<String, String> properties;
  private final Path log;
  private Process process;

  public ServiceProcess(
      String name, Path jar, int port, Map<String, String> properties, Path logDirectory) {
    this.name = name;
    this.jar = jar;
    this.port = port;
    this.properties = properties;
    this.log = logDirectory.resolve(name + ".log");
  }

  public String name() {
    return name;
  }

  public URI baseUri() {
    return URI.create("http://localhost:" + port);
  }

  public Path log() {
    return log;
  }

  public synchronized void start() {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          name + " is not built: " + jar + " is missing. Run ./mvnw -DskipTests package first.");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-Dquarkus.http.port=" + port);
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(jar.toString());
    try {
      Files.createDirectories(log.getParent());
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  /** Waits until the service answers ready on {@code /q/health/ready}. */
  public void awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (process == null || !process.isAlive()) {
        throw new IllegalStateException(name + " exited during start-up; see " + log);
      }
      if (ready()) {
        return;
      }
      sleep(200);
    }
    throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
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
  public synchronized void stop() {
    end(false);
  }

  /** Kills the service at once (SIGKILL): nothing it holds in memory survives. */
  public synchronized void kill() {
    end(true);
  }

  @Override
  public void close() {
    stop();
  }

  private void end(boolean forcibly) {
    if (process == null) {
      return;
    }
    if (forcibly) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
