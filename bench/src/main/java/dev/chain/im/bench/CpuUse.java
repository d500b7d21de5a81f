package dev.chain.im.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time of the parts running on this machine, from {@code /proc/<pid>/stat}: message-service,
 * push-gateway, PostgreSQL (the postmaster of the stack's data folder and its backends), the
 * stack's Kafka broker, the bare pipeline's process, and this JVM itself (the load tool).
 */
final class CpuUse {
  private static final double TICKS_PER_SECOND = 100.0;
  private static final String LOAD_TOOL = "loadTool";

  private CpuUse() {}

  /** CPU seconds used so far by each part of ours; empty off Linux or for a stack elsewhere. */
  static Map<String, Double> snapshot(Target target) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (!measurable(target)) {
      return out;
    }
    target.messageService.process().ifPresent(p -> out.put("message-service", seconds(p.pid())));
    target.pushGateway.process().ifPresent(p -> out.put("push-gateway", seconds(p.pid())));
    // pg_ctl detaches the postmaster from this JVM: find it by its data folder, then its backends.
    out.put(
        "postgresql",
        processesOf("/postgres", target.dataDirectory().toString())
            .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
            .mapToDouble(p -> seconds(p.pid()))
            .sum());
    putKafkaAndLoadTool(target, out);
    return out;
  }

  /** CPU seconds used so far by each part of the bare pipeline, whose process is {@code pid}. */
  static Map<String, Double> snapshotBare(Target target, long pipelinePid) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (!measurable(target)) {
      return out;
    }
    out.put("pipeline", seconds(pipelinePid));
    putKafkaAndLoadTool(target, out);
    return out;
  }

  private static boolean measurable(Target target) {
    return target.local()
        && target.dataDirectory() != null
        && Files.isDirectory(Path.of("/proc/self"));
  }

  private static void putKafkaAndLoadTool(Target target, Map<String, Double> out) {
    out.put(
        "kafka",
        processesOf("/java", target.dataDirectory() + "/kafka")
            .mapToDouble(p -> seconds(p.pid()))
            .sum());
    out.put(LOAD_TOOL, seconds(ProcessHandle.current().pid()));
  }

  /**
   * The processes whose command ends with {@code command} and whose arguments hold {@code
   * argument}: PostgreSQL is started on the stack's data folder, Kafka with a properties file in
   * it.
   */
  private static Stream<ProcessHandle> processesOf(String command, String argument) {
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

  static double seconds(long pid) {
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
      if (!part.getKey().equals(LOAD_TOOL)) {
        server += micros;
      }
    }
    out.put("server", Rounding.hundredths(server));
    return out;
  }

  /** {@code server} CPU per delivery of one measurement ÷ another's, when both have one. */
  static Optional<Double> serverRatio(Map<?, ?> ours, Map<?, ?> bare) {
    if (ours.get("server") instanceof Number o
        && bare.get("server") instanceof Number b
        && b.doubleValue() > 0) {
      return Optional.of(Rounding.hundredths(o.doubleValue() / b.doubleValue()));
    }
    return Optional.empty();
  }
}
