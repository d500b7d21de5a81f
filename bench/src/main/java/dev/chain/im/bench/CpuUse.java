package dev.chain.im.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of the parts running on this machine, from {@code /proc/<pid>/stat}: message-service,
 * push-gateway, PostgreSQL (every postgres process under this JVM), and this JVM itself (the load
 * tool and, with a stack it started, the embedded Kafka broker).
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
    // pg_ctl detaches the postmaster from this JVM: find it by its data folder, then its backends.
    String data = target.dataDirectory() == null ? null : target.dataDirectory().toString();
    double postgres =
        data == null
            ? 0
            : ProcessHandle.allProcesses()
                .filter(
                    p ->
                        p.info().command().map(c -> c.endsWith("/postgres")).orElse(false)
                            && p.info()
                                .arguments()
                                .map(args -> String.join(" ", args).contains(data))
                                .orElse(false))
                .flatMap(
                    p ->
                        java.util.stream.Stream.concat(
                            java.util.stream.Stream.of(p), p.descendants()))
                .mapToDouble(p -> seconds(p.pid()))
                .sum();
    out.put("postgresql", postgres);
    out.put("load tool + embedded Kafka (this JVM)", seconds(ProcessHandle.current().pid()));
    return out;
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
}
