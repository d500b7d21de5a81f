package dev.chain.im.bench;

import dev.chain.im.client.ApiException;
import dev.chain.im.client.RestApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The load itself: an optional warm-up, then a step per planned rate, each sending messages through
 * REST at that rate from random members of random conversations (at most {@code maxInFlight}
 * unanswered), while a timer pulls a page of some device's chain ten times a second. Under faults a
 * failed send is tried again for up to 90 s. With {@code untilSaturation} the steps stop once one
 * could not keep up.
 */
final class LoadDriver {
  /** What one step did. */
  record StepResult(
      double targetSendsPerSecond,
      double sendsPerSecond,
      double deliveriesPerSecond,
      long skipped,
      Map<String, Object> sendToPush,
      Map<String, Object> send,
      Map<String, Double> cpuCoresUsed,
      Map<String, Double> cpuMicrosPerDelivery,
      boolean sustained)
      implements RampStep {}

  private static final long RETRY_FOR_NANOS = TimeUnit.SECONDS.toNanos(90);

  private final Plan plan;
  private final Target target;
  private final Population population;
  private final DeliveryTracker tracker;
  private final LoadMetrics metrics;
  private final String prefix;
  private final Random random;
  private final Consumer<String> log;
  private final String content;
  private final LongAdder[] acknowledgedByConversation;
  private final AtomicLong messageCounter = new AtomicLong();
  private final List<StepResult> steps = new ArrayList<>();
  private volatile boolean measuring;
  private volatile boolean loadRunning;
  private Progress progress;

  /** The faults injected into this run, or null without any. */
  private FaultInjector faults;

  LoadDriver(
      Plan plan,
      Target target,
      Population population,
      DeliveryTracker tracker,
      LoadMetrics metrics,
      String prefix,
      Random random,
      Consumer<String> log) {
    this.plan = plan;
    this.target = target;
    this.population = population;
    this.tracker = tracker;
    this.metrics = metrics;
    this.prefix = prefix;
    this.random = random;
    this.log = log;
    this.content = content(plan.contentBytes());
    this.acknowledgedByConversation = new LongAdder[population.conversations().size()];
    for (int i = 0; i < acknowledgedByConversation.length; i++) {
      acknowledgedByConversation[i] = new LongAdder();
    }
  }

  /** Runs the warm-up and the steps, then waits for the sends in flight; returns the report. */
  Map<String, Object> run() throws InterruptedException {
    ScheduledExecutorService timers =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread thread = new Thread(r, "bench-timer");
              thread.setDaemon(true);
              return thread;
            });
    if (plan.warmupSeconds() > 0) {
      warmUp();
    }
    Map<String, Object> result = new LinkedHashMap<>();
    measuring = true;
    loadRunning = true;
    long loadStartNanos = System.nanoTime();
    progress = new Progress(metrics, population, plan.rates().size(), loadStartNanos, log);
    Map<String, Double> cpuBefore = CpuUse.snapshot(target);
    timers.scheduleAtFixedRate(() -> progress.sampleQuietly(loadRunning), 1, 1, TimeUnit.SECONDS);
    timers.scheduleAtFixedRate(this::pullOne, 50, 100, TimeUnit.MILLISECONDS);
    try {
      faults =
          plan.faults()
              ? FaultInjector.start(
                  target, loadStartNanos, TimeUnit.SECONDS.toNanos(plan.totalSeconds()), log)
              : null;
      for (int s = 0; s < plan.rates().size(); s++) {
        boolean sustained = runStep(s);
        if (plan.untilSaturation() && !sustained) {
          log.accept("saturated at step " + (s + 1) + ": stopping the ramp");
          result.put("saturatedAtStep", s + 1);
          break;
        }
      }
      if (faults != null) {
        faults.await(Duration.ofMinutes(3));
      }
      double loadSeconds = (System.nanoTime() - loadStartNanos) / 1e9;
      LoadMetrics.Counts inLoad = metrics.counts();
      Map<String, Double> cores = CpuUse.coresUsed(cpuBefore, CpuUse.snapshot(target), loadSeconds);
      result.put("cpuCoresUsedDuringLoad", cores);
      loadRunning = false;
      awaitInFlight(Duration.ofSeconds(120), 50);
      Thread.sleep(500);
      progress.sample(false);
      result.put("loadSeconds", Rounding.hundredths(loadSeconds));
      result.putAll(metrics.throughput(loadSeconds, inLoad));
      if (result.get("deliveriesPerSecond") instanceof Number deliveries) {
        result.put(
            "cpuMicrosPerDelivery", CpuUse.microsPerDelivery(cores, deliveries.doubleValue()));
      }
      result.put("devicesConnectedAtEnd", population.connectedDevices());
      result.put("devices", population.devices().size());
      result.putAll(metrics.latencies());
      result.put("steps", steps);
      result.put("faults", faults == null ? List.of() : faults.events());
      result.put("series", progress.series());
    } finally {
      loadRunning = false;
      timers.shutdownNow();
    }
    return result;
  }

  /** One point a second of the load; after {@link #run()}. */
  /** The gateway a cluster run killed, if it did. */
  Optional<FaultInjector.GatewayDeath> gatewayDeath() {
    return faults == null ? Optional.empty() : faults.gatewayDeath();
  }

  List<Map<String, Object>> series() {
    return progress.series();
  }

  List<StepResult> steps() {
    return List.copyOf(steps);
  }

  /** The step with the most deliveries per second. */
  StepResult peakStep() {
    return steps.stream()
        .max(Comparator.comparingDouble(StepResult::deliveriesPerSecond))
        .orElseThrow();
  }

  /** Message entries the devices should hold: acknowledged sends × members × devices per user. */
  long expectedDeliveries() {
    long expected = 0;
    for (Conversation conversation : population.conversations()) {
      expected +=
          acknowledgedByConversation[conversation.index()].sum()
              * conversation.members().size()
              * plan.devices();
    }
    return expected;
  }

  private void warmUp() throws InterruptedException {
    double rate = plan.rates().get(0);
    log.accept("warming up for " + plan.warmupSeconds() + " s at " + rate + " sends/s");
    long start = System.nanoTime();
    send(rate, start, start + TimeUnit.SECONDS.toNanos(plan.warmupSeconds()));
    awaitInFlight(Duration.ofSeconds(30), 20);
    Thread.sleep(1000);
    metrics.discardWarmUp();
  }

  /**
   * Runs step {@code index} and adds what it did to the steps; true if it kept up: at least 90% of
   * its rate acknowledged, at most 0.1% of its sends skipped, and send→push p99 within the plan's
   * {@code saturationP99Millis}.
   */
  private boolean runStep(int index) {
    progress.stepStarted(index);
    double rate = plan.rates().get(index);
    long stepStart = System.nanoTime();
    LoadMetrics.Counts before = metrics.counts();
    Map<String, Double> cpuBefore = CpuUse.snapshot(target);
    send(rate, stepStart, stepStart + TimeUnit.SECONDS.toNanos(plan.stepSeconds()));
    progress.sample(true);
    double secondsTaken = (System.nanoTime() - stepStart) / 1e9;
    Map<String, Double> cores = CpuUse.coresUsed(cpuBefore, CpuUse.snapshot(target), secondsTaken);
    LoadMetrics.Counts after = metrics.counts();
    Progress.StepLatencies latencies = progress.endStep();
    long acknowledged = after.acknowledged() - before.acknowledged();
    boolean sustained =
        acknowledged >= 0.9 * rate * plan.stepSeconds()
            && after.skipped() - before.skipped() <= 0.001 * rate * plan.stepSeconds()
            && latencies.push().getValueAtPercentile(99)
                <= TimeUnit.MILLISECONDS.toMicros(plan.saturationP99Millis());
    double deliveries = (after.delivered() - before.delivered()) / secondsTaken;
    StepResult step =
        new StepResult(
            rate,
            Rounding.hundredths(acknowledged / secondsTaken),
            Rounding.hundredths(deliveries),
            after.skipped() - before.skipped(),
            Hist.summary(latencies.push()),
            Hist.summary(latencies.send()),
            cores,
            CpuUse.microsPerDelivery(cores, deliveries),
            sustained);
    log.accept(
        String.format(
            "step %d: target %.0f sends/s → %.0f sends/s, %.0f deliveries/s, push %s, send %s%s",
            index + 1,
            rate,
            step.sendsPerSecond(),
            step.deliveriesPerSecond(),
            Hist.brief(latencies.push()),
            Hist.brief(latencies.send()),
            sustained ? "" : " — not kept up"));
    steps.add(step);
    return sustained;
  }

  /**
   * Sends at {@code rate} from {@code start} until {@code end}, skipping what is over the limit.
   */
  private void send(double rate, long start, long end) {
    long issued = 0;
    long now;
    while ((now = System.nanoTime()) < end) {
      long due = (long) ((now - start) / 1e9 * rate);
      while (issued < due) {
        issued++;
        if (metrics.inFlight() >= plan.maxInFlight()) {
          metrics.sendSkipped();
        } else {
          sendOne();
        }
      }
      LockSupport.parkNanos(200_000);
    }
  }

  private void sendOne() {
    List<Conversation> conversations = population.conversations();
    Conversation conversation = conversations.get(random.nextInt(conversations.size()));
    String sender = conversation.members().get(random.nextInt(conversation.members().size()));
    String clientMsgId = prefix + "-m" + messageCounter.incrementAndGet();
    DeliveryTracker.SentMessage message = tracker.sent(clientMsgId, conversation, measuring);
    metrics.sendStarted();
    attempt(sender, clientMsgId, message, message.sentAtNanos);
  }

  private void attempt(
      String sender, String clientMsgId, DeliveryTracker.SentMessage message, long began) {
    population
        .api(sender)
        .send(message.conversation.id(), clientMsgId, Map.of("text", content))
        .whenComplete(
            (sent, error) -> {
              if (error == null) {
                // before the send leaves the in-flight count, which the drain waits on
                acknowledgedByConversation[message.conversation.index()].increment();
                metrics.sendAcknowledged(message.measured, System.nanoTime() - began);
                return;
              }
              metrics.attemptFailed();
              Throwable cause = RestApi.unwrap(error);
              boolean retriable =
                  !(cause instanceof ApiException api)
                      || api.status() >= 500
                      || api.status() == 408;
              if (plan.faults()
                  && retriable
                  && System.nanoTime() - message.sentAtNanos < RETRY_FOR_NANOS) {
                CompletableFuture.delayedExecutor(250, TimeUnit.MILLISECONDS)
                    .execute(() -> attempt(sender, clientMsgId, message, System.nanoTime()));
              } else if (metrics.sendGivenUp() <= 5) {
                log.accept("send failed: " + cause);
              }
            });
  }

  private void pullOne() {
    List<Device> devices = population.devices();
    if (!loadRunning || devices.isEmpty()) {
      return;
    }
    Device device = devices.get(ThreadLocalRandom.current().nextInt(devices.size()));
    long after = Math.max(0, device.client().lastSeq() - 50);
    long began = System.nanoTime();
    population
        .api(device.userId())
        .sync(after, 50)
        .thenRun(() -> metrics.pullAnswered(System.nanoTime() - began));
  }

  private void awaitInFlight(Duration timeout, long pollMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (metrics.inFlight() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(pollMillis);
    }
  }

  private static String content(int bytes) {
    StringBuilder text = new StringBuilder();
    while (text.length() < bytes) {
      text.append("lorem ipsum ");
    }
    return text.substring(0, Math.max(1, bytes));
  }
}
