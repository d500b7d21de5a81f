package dev.chain.im.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The command line of {@code im-bench}: a scenario and flags that override its defaults. A flag
 * left out keeps the scenario's value; a flag given twice keeps the last.
 */
@Command(
    name = "im-bench",
    customSynopsis = "im-bench <scenario> [flags]",
    description = {
      "Load, latency, verification and fault scenarios through the public REST and WebSocket"
          + " API. Starts its own local stack (temporary data, free ports) unless given --rest"
          + " and --ws. Exits 1 if any device lost, repeated or reordered an entry."
    },
    footer = "Flags left out keep the scenario's defaults.",
    sortOptions = false,
    usageHelpWidth = 100)
final class BenchCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(
      paramLabel = "<scenario>",
      description =
          "smoke | one-to-one-ramp | saturation | groups | large-group | idle-connections | faults | scale-out"
              + " | custom")
  private String scenario;

  @Option(names = "--users", paramLabel = "N", description = "users, each online")
  private Integer users;

  @Option(names = "--devices", paramLabel = "N", description = "devices per user")
  private Integer devices;

  @Option(names = "--one-to-one", paramLabel = "N", description = "1:1 conversations")
  private Integer oneToOne;

  @Option(names = "--groups10", paramLabel = "N", description = "groups of 10")
  private Integer groups10;

  @Option(names = "--groups100", paramLabel = "N", description = "groups of 100")
  private Integer groups100;

  @Option(names = "--large-group", paramLabel = "N", description = "one group of N members")
  private Integer largeGroup;

  @Option(names = "--rate", paramLabel = "R[,R2,…]", description = "sends/s, one value per step")
  private String rates;

  @Option(names = "--step-seconds", paramLabel = "S", description = "seconds per step")
  private Integer stepSeconds;

  @Option(names = "--until-saturation", description = "stop the steps once one cannot keep up")
  private boolean untilSaturation;

  @Option(
      names = "--saturation-p99-ms",
      paramLabel = "MS",
      description = "a step whose send→push p99 is above this did not keep up")
  private Integer saturationP99Millis;

  @Option(
      names = "--max-in-flight",
      paramLabel = "N",
      description = "sends awaiting an answer at most (more are skipped and counted)")
  private Integer maxInFlight;

  @Option(names = "--content-bytes", paramLabel = "N", description = "message text size")
  private Integer contentBytes;

  @Option(names = "--idle", paramLabel = "N", description = "idle WebSocket connections")
  private Integer idleConnections;

  @Option(
      names = "--warmup-seconds",
      paramLabel = "S",
      description = "load at the first rate before measuring")
  private Integer warmupSeconds;

  @Option(
      names = "--signal-seconds",
      paramLabel = "S",
      description =
          "after the load, typing signals for S s at up to the first rate: what an ephemeral"
              + " frame costs (0: none)")
  private Integer signalSeconds;

  @Option(
      names = "--baseline",
      description = "run the bare Kafka → WebSocket pipeline at the same deliveries/s")
  private boolean baseline;

  @Option(names = "--no-baseline", description = "do not run the baseline (wins over --baseline)")
  private boolean noBaseline;

  @Option(
      names = "--faults",
      description = "Kafka stop/start, gateway restart, message-service kill -9 (own stack only)")
  private boolean faults;

  @Option(
      names = "--rest",
      paramLabel = "URL",
      description = "REST base of a running stack instead of starting one (with --ws)")
  private String rest;

  @Option(
      names = "--ws",
      paramLabel = "URL",
      description = "WebSocket URL of the running stack (with --rest)")
  private String ws;

  @Option(
      names = "--kafka",
      paramLabel = "HOST:PORT",
      description = "Kafka of the running stack, for the baseline")
  private String kafka;

  @Option(
      names = "--message-management",
      paramLabel = "URL",
      description =
          "message-service's management interface, for its metrics (default: the --rest host on"
              + " port 9000)")
  private String messageManagement;

  @Option(
      names = "--gateway-management",
      paramLabel = "URL",
      description =
          "push-gateway's management interface, for its metrics (default: the --ws host on port"
              + " 9001)")
  private String gatewayManagement;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "where summary.json and the charts go (default bench/target/results/<scenario>-<time>)")
  private Path out;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "print this help and exit")
  private boolean help;

  /** A command line ready to parse or execute {@code im-bench}'s arguments. */
  static CommandLine commandLine() {
    return new CommandLine(new BenchCommand())
        .registerConverter(Integer.class, BenchCommand::wholeNumber)
        .setOverwrittenOptionsAllowed(true)
        .setExpandAtFiles(false);
  }

  @Override
  public Integer call() throws Exception {
    Map<String, Object> summary = Bench.run(options(), System.out::println);
    Verdict verdict = (Verdict) summary.get("verification");
    return verdict != null && verdict.passed() ? 0 : 1;
  }

  /** The parsed flags over the scenario's defaults. */
  Bench.Options options() {
    Plan base;
    try {
      base = Plan.forScenario(scenario);
    } catch (IllegalArgumentException e) {
      throw usageError(e.getMessage());
    }
    Plan plan =
        new Plan(
            scenario,
            or(users, base.users()),
            or(devices, base.devices()),
            or(oneToOne, base.oneToOne()),
            or(groups10, base.groups10()),
            or(groups100, base.groups100()),
            or(largeGroup, base.largeGroup()),
            rates == null ? base.rates() : rates(rates),
            or(stepSeconds, base.stepSeconds()),
            untilSaturation || base.untilSaturation(),
            or(saturationP99Millis, base.saturationP99Millis()),
            or(maxInFlight, base.maxInFlight()),
            or(contentBytes, base.contentBytes()),
            faults || base.faults(),
            !noBaseline && (baseline || base.baseline()),
            or(idleConnections, base.idleConnections()),
            or(warmupSeconds, base.warmupSeconds()),
            base.topology(),
            or(signalSeconds, base.signalSeconds()));
    if (plan.users() < 2) {
      throw usageError("--users must be 2 or more");
    }
    if (plan.oneToOne() + plan.groups10() + plan.groups100() == 0 && plan.largeGroup() == 0) {
      throw usageError("no conversations planned");
    }
    if ((rest == null) != (ws == null)) {
      throw usageError("--rest and --ws go together");
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path results =
        out != null
            ? out
            : Bench.projectRoot().resolve("bench/target/results/" + scenario + "-" + stamp);
    return new Bench.Options(
        plan,
        rest,
        ws,
        kafka,
        or(messageManagement, rest, 9000),
        or(gatewayManagement, ws, 9001),
        results);
  }

  /** The given management URL, or by default the service's host on its default management port. */
  private static String or(String given, String service, int port) {
    if (given != null || service == null) {
      return given;
    }
    URI uri = URI.create(service);
    return (uri.getScheme().endsWith("s") ? "https" : "http") + "://" + uri.getHost() + ":" + port;
  }

  private static int or(Integer given, int fallback) {
    return given == null ? fallback : given;
  }

  /** Digits with optional underscores, as in 18_000. */
  private static Integer wholeNumber(String value) {
    try {
      return Integer.parseInt(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a whole number");
    }
  }

  private List<Double> rates(String value) {
    List<Double> parsed = new ArrayList<>();
    for (String part : value.split(",")) {
      try {
        parsed.add(Double.parseDouble(part.trim()));
      } catch (NumberFormatException e) {
        throw usageError("--rate takes sends/s separated by commas, got " + value);
      }
    }
    return parsed;
  }

  private ParameterException usageError(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
