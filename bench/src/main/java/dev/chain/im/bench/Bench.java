package dev.chain.im.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.chain.im.client.ImTransport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;

/**
 * The benchmark and fault harness: {@code im-bench <scenario> [--flag value …]}.
 *
 * <p>Scenarios: {@code smoke}, {@code one-to-one-ramp}, {@code saturation}, {@code groups}, {@code
 * large-group}, {@code idle-connections}, {@code faults}, {@code scale-out}, or {@code custom} (all
 * from flags). By default it starts its own local stack in a temporary folder on free ports; {@code
 * --rest URL --ws URL} (and {@code --kafka host:port} for the baseline) aim it at a running one. It
 * prints a progress line per second and writes {@code summary.json} and PNG charts to {@code --out}
 * (default {@code bench/target/results/<scenario>-<time>}). The exit code is 1 if any device lost,
 * repeated or reordered an entry, 2 for a bad command line.
 */
public final class Bench {
  private static final int BASELINE_MAX_WARMUP_SECONDS = 30;

  private Bench() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(BenchCommand.commandLine().execute(args));
  }

  /** Parsed command line: the plan, where the system is, where results go. */
  record Options(
      Plan plan,
      String rest,
      String ws,
      String kafka,
      String messageManagement,
      String gatewayManagement,
      Path out) {

    /** The options of a command line, as {@code im-bench} takes it. */
    static Options parse(String... args) {
      CommandLine commandLine = BenchCommand.commandLine();
      commandLine.parseArgs(args);
      return commandLine.<BenchCommand>getCommand().options();
    }
  }

  static Path projectRoot() {
    return Path.of(System.getProperty("im.project.root", ".")).toAbsolutePath().normalize();
  }

  /** Runs the options' plan against its own stack or the given one. */
  static Map<String, Object> run(Options options, Consumer<String> log) throws Exception {
    Target target;
    if (options.rest() != null) {
      target =
          Target.external(
              options.rest(),
              options.ws(),
              options.kafka(),
              options.messageManagement(),
              options.gatewayManagement());
    } else {
      log.accept("starting a local stack (temporary data, free ports)…");
      target = Target.start(projectRoot(), options.plan().faults(), options.plan().topology(), log);
    }
    try (target) {
      return run(options.plan(), target, options.out(), log);
    }
  }

  /** Runs a plan against a target; writes summary.json and charts into {@code out}. */
  static Map<String, Object> run(Plan plan, Target target, Path out, Consumer<String> log)
      throws Exception {
    Files.createDirectories(out);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("scenario", plan.name());
    summary.put("startedAt", LocalDateTime.now().toString());
    summary.put("machine", machine());
    summary.put("plan", plan);
    summary.put(
        "target",
        Map.of("rest", target.rest, "webSocket", target.webSocket, "ownStack", target.local()));
    IdleConnections idle = null;
    List<ImTransport> transports = target.transports();
    try {
      ImTransport transport = transports.get(0);
      if (plan.idleConnections() > 0) {
        idle = new IdleConnections(target, log);
        Map<String, Object> idleReport = new LinkedHashMap<>();
        int limit = fdLimit();
        int wanted = plan.idleConnections();
        if (target.local() && limit > 0 && wanted > limit - 2000) {
          wanted = limit - 2000;
          log.accept(
              "idle connections: the open-file limit is "
                  + limit
                  + " per process (the gateway inherits it), so "
                  + wanted
                  + " instead of "
                  + plan.idleConnections());
        }
        idleReport.put("requested", wanted);
        idleReport.put("openFileLimit", limit);
        idleReport.put("gatewayBefore", idle.measureGateway());
        int opened = idle.open(transport, "b" + System.currentTimeMillis() % 100000, wanted);
        Thread.sleep(3000);
        Map<String, Object> after = idle.measureGateway();
        idleReport.put("opened", opened);
        idleReport.put("gatewayAfterOpening", after);
        perConnection(idleReport, (Map<?, ?>) idleReport.get("gatewayBefore"), after, opened);
        summary.put("idleConnections", idleReport);
      }
      LoadRun load = new LoadRun(plan, target, transports, log);
      try {
        summary.putAll(load.run());
        if (idle != null) {
          @SuppressWarnings("unchecked")
          Map<String, Object> idleReport = (Map<String, Object>) summary.get("idleConnections");
          idleReport.put("stillOpenAfterLoad", idle.openNow());
          idleReport.put("closedByServer", idle.closedByServer());
          idleReport.put("gatewayAfterLoad", idle.measureGateway());
        }
      } finally {
        load.close();
      }
      Histogram baselineHistogram = null;
      List<Baseline.Step> bareSteps = null;
      Baseline baseline = new Baseline(target, log);
      if (plan.baseline()) {
        if (target.kafkaBootstrap == null) {
          log.accept("baseline skipped: no --kafka given");
        } else if (plan.untilSaturation()) {
          bareSteps =
              baseline.ramp(
                  baselineShape(load),
                  plan.rates(),
                  baselineWarmup(plan),
                  plan.stepSeconds(),
                  plan.saturationP99Millis());
          summary.put("baseline", Map.of("steps", bareSteps));
          baselineHistogram = baseline.histogram();
          summary.put("saturation", Saturation.compare(load.steps(), bareSteps));
        } else {
          Map<String, Object> report =
              baseline.run(
                  baselineShape(load),
                  load.peakStep().sendsPerSecond(),
                  baselineWarmup(plan),
                  Math.min(20, plan.totalSeconds()));
          summary.put("baseline", report);
          baselineHistogram = baseline.histogram();
          summary.put("ratioToBaseline", ratios(summary, report));
          serverCpuRatio(summary, report).ifPresent(ratio -> summary.put("serverCpuRatio", ratio));
        }
      }
      writeCharts(plan, load, baselineHistogram, out);
      if (bareSteps != null) {
        Charts.saturation(
            load.steps(),
            bareSteps,
            plan.name() + ": latency against verified deliveries/s",
            out.resolve("saturation.png"));
      }
    } finally {
      if (idle != null) {
        idle.close();
      }
      transports.forEach(ImTransport::close);
    }
    ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .enable(SerializationFeature.INDENT_OUTPUT);
    Path json = out.resolve("summary.json");
    mapper.writeValue(json.toFile(), summary);
    log.accept("summary: " + json);
    log.accept(headline(summary));
    return summary;
  }

  private static void writeCharts(Plan plan, LoadRun load, Histogram baseline, Path out)
      throws IOException {
    String title = plan.name();
    Charts.latencyOverTime(
        load.series(), title + ": latency per second", out.resolve("latency-over-time.png"));
    Charts.throughput(load.series(), title + ": throughput", out.resolve("throughput.png"));
    Map<String, Histogram> histograms = new LinkedHashMap<>();
    histograms.put("send→push", load.pushHistogram());
    histograms.put("send (REST)", load.sendHistogram());
    if (baseline != null) {
      histograms.put("baseline Kafka→WebSocket", baseline);
    }
    Charts.percentiles(
        histograms, title + ": latency by percentile", out.resolve("percentiles.png"));
  }

  private static void perConnection(
      Map<String, Object> report, Map<?, ?> before, Map<String, Object> after, int opened) {
    if (opened <= 0) {
      return;
    }
    for (String key : List.of("heapUsedBytes", "residentBytes")) {
      if (before.get(key) instanceof Number b && after.get(key) instanceof Number a) {
        report.put(
            key.replace("Bytes", "") + "PerConnectionBytes",
            (a.longValue() - b.longValue()) / opened);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> ratios(
      Map<String, Object> summary, Map<String, Object> baseline) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> ours = (Map<String, Object>) summary.get("sendToPush");
    Map<String, Object> bare = (Map<String, Object>) baseline.get("sendToPush");
    for (String key : List.of("p50Ms", "p99Ms", "p999Ms")) {
      if (ours.get(key) instanceof Number o
          && bare.get(key) instanceof Number b
          && b.doubleValue() > 0) {
        out.put(
            "latency " + key + " ours/bare",
            Rounding.hundredths(o.doubleValue() / b.doubleValue()));
      }
    }
    out.put(
        "note",
        "the baseline ran at the sends/s of the busiest step of the real run, fanned out as its conversations were");
    return out;
  }

  /** The bare pipeline fans out as the run's conversations did, over as many connections. */
  private static Baseline.Shape baselineShape(LoadRun load) {
    return new Baseline.Shape(load.fanOuts(), Math.min(load.deviceCount(), 2000));
  }

  /** A warm-up of the baseline's own (it starts a cold JVM), as long as ours up to a limit. */
  private static int baselineWarmup(Plan plan) {
    return Math.min(BASELINE_MAX_WARMUP_SECONDS, Math.max(3, plan.warmupSeconds()));
  }

  /** Ours {@code server} CPU per delivery ÷ the bare pipeline's, when both were measured. */
  private static Optional<Double> serverCpuRatio(
      Map<String, Object> summary, Map<String, Object> baseline) {
    if (summary.get("cpuMicrosPerDelivery") instanceof Map<?, ?> ours
        && baseline.get("cpuMicrosPerDelivery") instanceof Map<?, ?> bare) {
      return CpuUse.serverRatio(ours, bare);
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static String headline(Map<String, Object> summary) {
    Map<String, Object> push = (Map<String, Object>) summary.get("sendToPush");
    return String.format(
        "%s: %s sends/s, %s deliveries/s, send→push p50 %s ms p99 %s ms p99.9 %s ms max %s ms, %s",
        summary.get("scenario"),
        summary.get("sendsPerSecond"),
        summary.get("deliveriesPerSecond"),
        push.get("p50Ms"),
        push.get("p99Ms"),
        push.get("p999Ms"),
        push.get("maxMs"),
        summary.get("verification"));
  }

  private static Map<String, Object> machine() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cores", Runtime.getRuntime().availableProcessors());
    out.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      out.put("memoryBytes", os.getTotalMemorySize());
    }
    out.put("benchMaxHeapBytes", Runtime.getRuntime().maxMemory());
    return out;
  }

  private static int fdLimit() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return (int) Math.min(Integer.MAX_VALUE, unix.getMaxFileDescriptorCount());
    }
    return -1;
  }
}
