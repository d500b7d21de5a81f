package dev.chain.im.bench;

import dev.chain.im.client.ImTransport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * One load run: the plan's population set up, the load driven through it, the services' memory and
 * metrics taken, then every device checked against its user's chain on the server.
 */
final class LoadRun implements AutoCloseable {
  private final Plan plan;
  private final Target target;
  private final List<ImTransport> transports;
  private final Consumer<String> log;
  private final String prefix =
      "b" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
  // one seeded sequence for the set-up's member picks and the load's choice of sender
  private final Random random = new Random(42);
  private final LoadMetrics metrics = new LoadMetrics();
  private final DeliveryTracker tracker = new DeliveryTracker(metrics);
  private Population population;
  private LoadDriver driver;

  /** {@code transports}: one per message-service instance; users are spread over them in turn. */
  LoadRun(Plan plan, Target target, List<ImTransport> transports, Consumer<String> log) {
    this.plan = plan;
    this.target = target;
    this.transports = transports;
    this.log = log;
  }

  /** Sets up, runs the load, verifies; returns the report. The other getters need it done. */
  Map<String, Object> run() throws InterruptedException {
    Map<String, Object> result = new LinkedHashMap<>();
    long began = System.nanoTime();
    population = new PopulationSetUp(plan, transports, prefix, random, tracker, log).create();
    result.put("setupSeconds", Rounding.hundredths((System.nanoTime() - began) / 1e9));
    result.put("memoryBeforeLoad", ServiceReport.memory(target));
    driver = new LoadDriver(plan, target, population, tracker, metrics, prefix, random, log);
    ScaleOut scaleOut = target.gateways.size() > 1 ? ScaleOut.begin(target, population) : null;
    result.putAll(driver.run());
    result.put("memoryAfterLoad", ServiceReport.memory(target));
    result.put("gatewayMetrics", ServiceReport.pushGateway(target));
    result.put("messageServiceMetrics", ServiceReport.messageService(target));
    result.put(
        "verification", new ChainVerifier(population, log).verify(driver.expectedDeliveries()));
    result.put("fanOutCompletion", tracker.fanOut(plan.devices()));
    if (scaleOut != null) {
      result.put("scaleOut", scaleOut.report(population, driver.gatewayDeath()));
    }
    if (plan.signalSeconds() > 0) {
      result.put("signals", signals(result));
    }
    return result;
  }

  /** The ephemeral frames' cost, and its server CPU per frame ÷ a delivery's in this run. */
  private Map<String, Object> signals(Map<String, Object> load) throws InterruptedException {
    double rate = plan.rates().get(0);
    log.accept("typing signals for " + plan.signalSeconds() + " s at up to " + rate + "/s");
    Map<String, Object> signals =
        new SignalCost(target, population, plan.devices(), random)
            .measure(rate, plan.signalSeconds());
    if (signals.get("cpuMicrosPerFrame") instanceof Map<?, ?> frame
        && load.get("cpuMicrosPerDelivery") instanceof Map<?, ?> delivery) {
      CpuUse.serverRatio(frame, delivery)
          .ifPresent(ratio -> signals.put("serverCpuPerFrameToPerDelivery", ratio));
    }
    log.accept("typing signals: " + signals);
    return signals;
  }

  Histogram pushHistogram() {
    return metrics.pushTotal();
  }

  Histogram sendHistogram() {
    return metrics.sendTotal();
  }

  List<Map<String, Object>> series() {
    return driver.series();
  }

  LoadDriver.StepResult peakStep() {
    return driver.peakStep();
  }

  List<LoadDriver.StepResult> steps() {
    return driver.steps();
  }

  /** The records a send makes for each conversation: one per member's device. */
  List<Integer> fanOuts() {
    return population.conversations().stream()
        .map(conversation -> conversation.members().size() * plan.devices())
        .toList();
  }

  int deviceCount() {
    return population.devices().size();
  }

  @Override
  public void close() {
    if (population != null) {
      population.close();
    }
  }
}
