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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * The benchmark and fault harness: {@code im-bench <scenario> [--flag value …]}.
 *
 * <p>Scenarios: {@code smoke}, {@code one-to-one-ramp}, {@code groups}, {@code large-group}, {@code
 * idle-connections}, {@code faults}, or {@code custom} (all from flags). By default it starts its
 * own local stack in a temporary folder on free ports; {@code --rest URL --ws URL} (and {@code
 * --kafka host:port} for the baseline) aim it at a running one. It prints a progress line per
 * second and writes {@code summary.json} and PNG charts to {@code --out} (default {@code
 * bench/target/results/<scenario>-<time>}). The exit code is 1 if any device lost, repeated or
 * reordered an entry.
 */
public final class Bench {
  private static final String USAGE =
      """
      usage: im-bench <scenario> [flags]
        scenarios: smoke | one-to-one-ramp | groups | large-group | idle-connections | faults | custom
        --users N             users, each online                  --devices N       devices per user
        --one-to-one N        1:1 conversations                   --groups10 N      groups of 10
        --groups100 N         groups of 100                       --large-group N   one group of N members
        --rate R[,R2,…]       sends/s, one value per step          --step-seconds S  seconds per step
        --until-saturation    stop the steps once one cannot keep up
        --max-in-flight N     sends awaiting an answer at most (more are skipped and counted)
        --content-bytes N     message text size                   --idle N          idle WebSocket connections
        --warmup-seconds S    load at the first rate before measuring
        --baseline | --no-baseline   run the bare Kafka → WebSocket pipeline at the same deliveries/s
        --faults              Kafka stop/start, gateway restart, message-service kill -9 (own stack only)
        --rest URL --ws URL [--kafka HOST:PORT]   a running stack instead of starting one
        --out DIR             where summary.json and the charts go
      """;

  private Bench() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
      System.out.print(USAGE);
      System.exit(args.length == 0 ? 2 : 0);
      return;
    }
    Map<String, Object> summary;
    try {
      Options options = Options.parse(args);
      summary = run(options, line -> System.out.println(line));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
      return;
    }
    Verdict verdict = (Verdict) summary.get("verification");
    System.exit(verdict != null && verdict.passed() ? 0 : 1);
  }

  /** Parsed command line: the plan, where the system is, where results go. */
  record Options(Plan plan, String rest, String ws, String kafka, Path out) {

    static Options parse(String[] args) {
      String scenario = args[0];
      Map<String, String> flags = new LinkedHashMap<>();
      for (int i = 1; i < args.length; i++) {
        String arg = args[i];
        if (!arg.startsWith("--")) {
          throw new IllegalArgumentException("unexpected argument " + arg);
        }
        String name = arg.substring(2);
        if (List.of("until-saturation", "baseline", "no-baseline", "faults").contains(name)) {
          flags.put(name, "true");
        } else if (i + 1 < args.length) {
          flags.put(name, args[++i]);
        } else {
          throw new IllegalArgumentException(arg + " needs a value");
        }
      }
      Plan base = scenario(scenario);
      Plan plan =
          new Plan(
              scenario,
              integer(flags, "users", base.users()),
              integer(flags, "devices", base.devices()),
              integer(flags, "one-to-one", base.oneToOne()),
              integer(flags, "groups10", base.groups10()),
              integer(flags, "groups100", base.groups100()),
              integer(flags, "large-group", base.largeGroup()),
              flags.containsKey("rate") ? rates(flags.get("rate")) : base.rates(),
              integer(flags, "step-seconds", base.stepSeconds()),
              flags.containsKey("until-saturation") || base.untilSaturation(),
              integer(flags, "max-in-flight", base.maxInFlight()),
              integer(flags, "content-bytes", base.contentBytes()),
              flags.containsKey("faults") || base.faults(),
              flags.containsKey("no-baseline")
                  ? false
                  : flags.containsKey("baseline") || base.baseline(),
              integer(flags, "idle", base.idleConnections()),
              integer(flags, "warmup-seconds", base.warmupSeconds()));
      if (plan.users() < 2) {
        throw new IllegalArgumentException("--users must be 2 or more");
      }
      if (plan.oneToOne() + plan.groups10() + plan.groups100() == 0 && plan.largeGroup() == 0) {
        throw new IllegalArgumentException("no conversations planned");
      }
      String rest = flags.get("rest");
      String ws = flags.get("ws");
      if ((rest == null) != (ws == null)) {
        throw new IllegalArgumentException("--rest and --ws go together");
      }
      String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
      Path out =
          flags.containsKey("out")
              ? Path.of(flags.get("out"))
              : projectRoot().resolve("bench/target/results/" + scenario + "-" + stamp);
      return new Options(plan, rest, ws, flags.get("kafka"), out);
    }

    private static int integer(Map<String, String> flags, String name, int fallback) {
      String value = flags.get(name);
      if (value == null) {
        return fallback;
      }
      try {
        return Integer.parseInt(value.replace("_", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + name + " must be a whole number, got " + value);
      }
    }

    private static List<Double> rates(String value) {
      List<Double> rates = new ArrayList<>();
      for (String part : value.split(",")) {
        rates.add(Double.parseDouble(part.trim()));
      }
      return rates;
    }
  }

  /** Each scenario's defaults; flags override them. */
  static Plan scenario(String name) {
    return switch (name) {
      case "smoke" ->
          new Plan(name, 12, 2, 6, 2, 0, 0, List.of(20.0), 5, false, 64, 64, false, false, 0, 0);
      case "one-to-one-ramp" ->
          new Plan(
              name,
              400,
              1,
              200,
              0,
              0,
              0,
              List.of(100.0, 200.0, 400.0, 700.0, 1000.0, 1400.0, 1800.0, 2400.0, 3000.0),
              10,
              true,
              256,
              64,
              false,
              true,
              0,
              10);
      // 20 groups of 10 and 4 of 100, sends spread evenly: 25 deliveries per send on average, so
      // 80 sends/s is about 2,000 deliveries/s.
      case "groups" ->
          new Plan(
              name, 300, 1, 0, 20, 4, 0, List.of(80.0), 30, false, 256, 64, false, true, 0, 10);
      case "large-group" ->
          new Plan(
              name, 5000, 1, 0, 0, 0, 5000, List.of(0.5), 30, false, 16, 64, false, true, 0, 6);
      case "idle-connections" ->
          new Plan(
              name, 50, 1, 25, 2, 0, 0, List.of(50.0), 30, false, 64, 64, false, false, 18_000, 5);
      case "faults" ->
          new Plan(name, 40, 2, 20, 3, 0, 0, List.of(40.0), 60, false, 512, 64, true, false, 0, 0);
      case "custom" ->
          new Plan(
              name, 100, 1, 50, 0, 0, 0, List.of(100.0), 20, false, 256, 64, false, false, 0, 5);
      default -> throw new IllegalArgumentException("unknown scenario " + name);
    };
  }

  static Path projectRoot() {
    return Path.of(System.getProperty("im.project.root", ".")).toAbsolutePath().normalize();
  }

  /** Runs the options' plan against its own stack or the given one. */
  static Map<String, Object> run(Options options, Consumer<String> log) throws Exception {
    Target target;
    if (options.rest() != null) {
      target = Target.external(options.rest(), options.ws(), options.kafka());
    } else {
      log.accept("starting a local stack (temporary data, free ports)…");
      target = Target.start(projectRoot(), options.plan().faults(), log);
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
    try (ImTransport transport = target.transport()) {
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
      LoadRun load = new LoadRun(plan, target, transport, log);
      try {
        load.run();
        summary.putAll(load.result());
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
      if (plan.baseline()) {
        if (target.kafkaBootstrap == null) {
          log.accept("baseline skipped: no --kafka given");
        } else {
          double rate = Math.max(100, load.peakDeliveriesPerSecond());
          Baseline baseline = new Baseline(target.kafkaBootstrap, log);
          Map<String, Object> report =
              baseline.run(
                  rate, Math.min(20, plan.totalSeconds()), Math.min(load.deviceCount(), 2000));
          summary.put("baseline", report);
          baselineHistogram = baseline.histogram();
          summary.put("ratioToBaseline", ratios(summary, report));
        }
      }
      writeCharts(plan, load, baselineHistogram, out);
    } finally {
      if (idle != null) {
        idle.close();
      }
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
        out.put("latency " + key + " ours/bare", LoadRun.round(o.doubleValue() / b.doubleValue()));
      }
    }
    out.put(
        "note",
        "the baseline ran at the peak deliveries/s of the real run; its throughput equals the offered load unless it saturated");
    return out;
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
