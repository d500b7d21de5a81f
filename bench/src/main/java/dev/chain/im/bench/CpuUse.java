package dev.chain.im.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the parts running on this machine, from {@code /proc/<pid>/stat}: message-service,
 * push-gateway, PostgreSQL (the postmaster of the stack's data folder and its backends), the
 * stack's Kafka broker, and this JVM itself (the load tool).
 */
final class CpuUse {
  private static final double TICKS_PER_SECOND = 100.0;

  private CpuUse() {}

  /** CPU seconds used so far, per part; empty off Linux or for a stack elsewhere. */
  static Map<String, Double> snapshot(Target target) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (!target.local() || !Files.isDirectory(Path.of("/proc/self"))) {
      return out;
    }
    target.messageService.process().ifPresent(p -> out.put("message-service", seconds(p.pid())));
    target.pushGateway.process().ifPresent(p -> out.put("push-gateway", seconds(p.pid())));
    String data = target.dataDirectory() == null ? null : target.dataDirectory().toString();
    // pg_ctl detaches the postmaster from this JVM: find it by its data folder, then its backends.
    out.put(
        "postgresql",
        processesOf("/postgres", data)
            .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
            .mapToDouble(p -> seconds(p.pid()))
            .sum());
    out.put(
        "kafka",
        processesOf("/java", data == null ? null : data + "/kafka-server.properties")
            .mapToDouble(p -> seconds(p.pid()))
            .sum());
    out.put("load tool", seconds(ProcessHandle.current().pid()));
    return out;
  }

  /**
   * The processes whose command ends with {@code command} and whose arguments hold {@code
   * argument}: PostgreSQL is started on the stack's data folder, Kafka with a properties file in
   * it.
   */
  private static Stream<ProcessHandle> processesOf(String command, String argument) {
    if (argument == null) {
      return Stream.empty();
    }
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info().command().map(c -> c.endsWith(command)).orElse(false)
                    && p.info()
                        .arguments()
                        .map(args -> String.join(" ", args).contains(argument))
                        .orElse(false));
  }

  /** Cores used per part between two snapshots taken {@code seconds} apart. */
  static Map<String, Double> coresUsed(
      Map<String, Double> before, Map<String, Double> after, double seconds) {
    Map<String, Double> out = new LinkedHashMap<>();
    double total = 0;
    for (Map.Entry<String, Double> part : after.entrySet()) {
      Double was = before.get(part.getKey());
      if (was != null && seconds > 0) {
        double cores = Math.max(0, (part.getValue() - was) / seconds);
        out.put(part.getKey(), Rounding.hundredths(cores));
        total += cores;
      }
    }
    if (!out.isEmpty()) {
      out.put("total", Rounding.hundredths(total));
    }
    return out;
  }

  private static double seconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // fields after the command (which may hold spaces) start after the last ')'
      List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" "));
      long utime = Long.parseLong(fields.get(11));
      long stime = Long.parseLong(fields.get(12));
      return (utime + stime) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * CPU time per delivery of each part, in microseconds, and of the {@code server}: every part but
   * the load tool, which is what the system costs to run.
   */
  static Map<String, Double> microsPerDelivery(
      Map<String, Double> cores, double deliveriesPerSecond) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (deliveriesPerSecond <= 0) {
      return out;
    }
    double server = 0;
    for (Map.Entry<String, Double> part : cores.entrySet()) {
      if (part.getKey().equals("total")) {
        continue;
      }
      double micros = part.getValue() * 1e6 / deliveriesPerSecond;
      out.put(part.getKey(), Rounding.hundredths(micros));
      if (!part.getKey().equals("load tool")) {
        server += micros;
      }
    }
    out.put("server", Rounding.hundredths(server));
    return out;
  }
}
