package dev.chain.im.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * The load as it goes, about once a second: a progress line, a point of the series the charts are
 * drawn from, and the latencies of the current step.
 */
final class Progress {
  /** The latencies of one step. */
  record StepLatencies(Histogram push, Histogram send) {}

  private final LoadMetrics metrics;
  private final Population population;
  private final int steps;
  private final long loadStartNanos;
  private final Consumer<String> log;
  private final List<Map<String, Object>> series = new ArrayList<>();
  private volatile int step;
  private Histogram stepPush = Hist.create();
  private Histogram stepSend = Hist.create();
  private long lastSampleNanos;
  private LoadMetrics.Counts last = new LoadMetrics.Counts(0, 0, 0);

  Progress(
      LoadMetrics metrics,
      Population population,
      int steps,
      long loadStartNanos,
      Consumer<String> log) {
    this.metrics = metrics;
    this.population = population;
    this.steps = steps;
    this.loadStartNanos = loadStartNanos;
    this.lastSampleNanos = loadStartNanos;
    this.log = log;
  }

  void stepStarted(int step) {
    this.step = step;
  }

  /** The latencies since the previous step ended. */
  synchronized StepLatencies endStep() {
    StepLatencies latencies = new StepLatencies(stepPush, stepSend);
    stepPush = Hist.create();
    stepSend = Hist.create();
    return latencies;
  }

  /** For a timer: a sample that fails is logged and the timer keeps going. */
  void sampleQuietly(boolean duringLoad) {
    try {
      sample(duringLoad);
    } catch (RuntimeException e) {
      log.accept("progress: " + e);
    }
  }

  /**
   * Takes the latencies since the last sample and logs the progress line; {@code duringLoad} also
   * adds them to the step and a point to the series (not during the drain after the load).
   */
  synchronized void sample(boolean duringLoad) {
    long now = System.nanoTime();
    double dt = (now - lastSampleNanos) / 1e9;
    if (dt < 0.05) {
      return;
    }
    lastSampleNanos = now;
    LoadMetrics.Interval interval = metrics.takeInterval();
    Histogram push = interval.push();
    Histogram send = interval.send();
    if (duringLoad) {
      stepPush.add(push);
      stepSend.add(send);
    }
    LoadMetrics.Counts counts = metrics.counts();
    double sendsPerSecond = (counts.acknowledged() - last.acknowledged()) / dt;
    double deliveriesPerSecond = (counts.delivered() - last.delivered()) / dt;
    int connected = population.connectedDevices();
    if (duringLoad) {
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("t", Rounding.hundredths((now - loadStartNanos) / 1e9));
      point.put("sendsPerSecond", Rounding.hundredths(sendsPerSecond));
      point.put("deliveriesPerSecond", Rounding.hundredths(deliveriesPerSecond));
      point.put("pushP50Ms", percentileMs(push, 50));
      point.put("pushP99Ms", percentileMs(push, 99));
      point.put("pushMaxMs", push.getTotalCount() == 0 ? null : Hist.ms(push.getMaxValue()));
      point.put("sendP50Ms", percentileMs(send, 50));
      point.put("sendP99Ms", percentileMs(send, 99));
      point.put("inFlight", metrics.inFlight());
      point.put("connected", connected);
      series.add(point);
    }
    log.accept(
        String.format(
            "[%5.1fs] step %d/%d  %6.0f sends/s  %7.0f deliveries/s  push %s  send %s  in-flight %d  skipped %d  failed %d  connected %d/%d",
            (now - loadStartNanos) / 1e9,
            step + 1,
            steps,
            sendsPerSecond,
            deliveriesPerSecond,
            Hist.brief(push),
            Hist.brief(send),
            metrics.inFlight(),
            counts.skipped() - last.skipped(),
            metrics.failedAttempts(),
            connected,
            population.devices().size()));
    last = counts;
  }

  /** One point a second during the load; read it once the load is over. */
  List<Map<String, Object>> series() {
    return series;
  }

  private static Double percentileMs(Histogram histogram, double percentile) {
    return histogram.getTotalCount() == 0
        ? null
        : Hist.ms(histogram.getValueAtPercentile(percentile));
  }
}
