package dev.chain.im.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A service's Prometheus metrics ({@code /q/metrics}) and, when it runs on this machine, its
 * process: resident memory from {@code /proc} and a forced GC through {@code jcmd}.
 */
final class ServiceMetrics {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  final String name;
  private final URI base;

  ServiceMetrics(String name, URI base) {
    this.name = name;
    this.base = base;
  }

  /** One scrape of {@code /q/metrics}; {@link Scrape#NONE} when the service is down. */
  Scrape scrape() {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(base.resolve("/q/metrics"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        return new Scrape(PrometheusText.parse(response.body()));
      }
    } catch (IOException e) {
      // down
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Scrape.NONE;
  }

  /**
   * The local process whose management interface is {@code base}: found by its {@code
   * -Dquarkus.management.port} argument, which {@code LocalStack} sets.
   */
  Optional<ProcessHandle> process() {
    String flag = "-Dquarkus.management.port=" + base.getPort();
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .arguments()
                    .map(args -> List.of(args).contains(flag))
                    .orElse(p.info().commandLine().map(c -> c.contains(flag)).orElse(false)))
        .findFirst();
  }

  /** Resident memory of the local process in bytes, or -1. */
  long residentBytes() {
    return process().map(p -> vmRss(p.pid())).orElse(-1L);
  }

  /** Runs a full GC in the local process (jcmd GC.run); false if it could not. */
  boolean forceGc() {
    Optional<ProcessHandle> process = process();
    if (process.isEmpty()) {
      return false;
    }
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process run =
          new ProcessBuilder(jcmd.toString(), Long.toString(process.get().pid()), "GC.run")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return run.waitFor(30, TimeUnit.SECONDS) && run.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** What the report shows of a service's memory. */
  Map<String, Object> memory() {
    Scrape scrape = scrape();
    Map<String, Object> out = new LinkedHashMap<>();
    if (!scrape.isEmpty()) {
      out.put("heapUsedBytes", (long) scrape.sum("jvm_memory_used_bytes", Map.of("area", "heap")));
      out.put(
          "nonHeapUsedBytes",
          (long) scrape.sum("jvm_memory_used_bytes", Map.of("area", "nonheap")));
      double rss = scrape.sum("process_resident_memory_bytes");
      if (rss > 0) {
        out.put("processResidentBytesFromMetrics", (long) rss);
      }
    }
    long rss = residentBytes();
    if (rss > 0) {
      out.put("residentBytes", rss);
    }
    return out;
  }

  private static long vmRss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring(6).trim().split("\\s+")[0];
          return Long.parseLong(kb) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone
    }
    return -1;
  }
}
