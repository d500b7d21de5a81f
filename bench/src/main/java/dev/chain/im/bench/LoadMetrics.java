package dev.chain.im.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The counts and latencies of a load: sends (acknowledged, failed, given up, skipped, in flight),
 * deliveries by push and by pull, and the latencies of send→push, the REST send and pulls. Written
 * from many threads; {@link #takeInterval()} drains the latencies since its last call into the
 * totals.
 */
final class LoadMetrics {
  /** Counters that rates are computed from. */
  record Counts(long acknowledged, long delivered, long skipped) {}

  /** Latencies recorded since the previous interval. */
  record Interval(Histogram push, Histogram send, Histogram pull) {}

  private final Recorder pushInterval = new Recorder(Hist.HIGHEST_MICROS, 3);
  private final Recorder sendInterval = new Recorder(Hist.HIGHEST_MICROS, 3);
  private final Recorder pullInterval = new Recorder(Hist.HIGHEST_MICROS, 3);
  private final ConcurrentHistogram[] pushBySize =
      new ConcurrentHistogram[ConversationSize.values().length];
  private final Histogram pushTotal = Hist.create();
  private final Histogram sendTotal = Hist.create();
  private final Histogram pullTotal = Hist.create();
  private final LongAdder pushed = new LongAdder();
  private final LongAdder pulled = new LongAdder();
  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder failedAttempts = new LongAdder();
  private final LongAdder givenUp = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final AtomicInteger inFlight = new AtomicInteger();

  LoadMetrics() {
    for (int i = 0; i < pushBySize.length; i++) {
      pushBySize[i] = new ConcurrentHistogram(Hist.HIGHEST_MICROS, 3);
    }
  }

  void sendStarted() {
    inFlight.incrementAndGet();
  }

  /** A send due while {@code maxInFlight} sends were waiting: not sent. */
  void sendSkipped() {
    skipped.increment();
  }

  /** A send answered; only sends made after the warm-up count and are timed. */
  void sendAcknowledged(boolean measured, long latencyNanos) {
    if (measured) {
      sendInterval.recordValue(Hist.micros(latencyNanos));
      acknowledged.increment();
    }
    inFlight.decrementAndGet();
  }

  void attemptFailed() {
    failedAttempts.increment();
  }

  /** A send that will not be tried again; returns how many were given up so far. */
  long sendGivenUp() {
    givenUp.increment();
    inFlight.decrementAndGet();
    return givenUp.sum();
  }

  void deliveredByPush(long latencyNanos, ConversationSize size) {
    pushed.increment();
    long micros = Hist.micros(latencyNanos);
    pushInterval.recordValue(micros);
    pushBySize[size.ordinal()].recordValue(micros);
  }

  void deliveredByPull() {
    pulled.increment();
  }

  void pullAnswered(long latencyNanos) {
    pullInterval.recordValue(Hist.micros(latencyNanos));
  }

  int inFlight() {
    return inFlight.get();
  }

  long failedAttempts() {
    return failedAttempts.sum();
  }

  Counts counts() {
    return new Counts(acknowledged.sum(), pushed.sum() + pulled.sum(), skipped.sum());
  }

  /** Forgets the latencies of the warm-up. */
  void discardWarmUp() {
    pushInterval.reset();
    sendInterval.reset();
    pullInterval.reset();
  }

  synchronized Interval takeInterval() {
    Interval interval =
        new Interval(
            pushInterval.getIntervalHistogram(),
            sendInterval.getIntervalHistogram(),
            pullInterval.getIntervalHistogram());
    pushTotal.add(interval.push());
    sendTotal.add(interval.send());
    pullTotal.add(interval.pull());
    return interval;
  }

  /** The totals of sends and deliveries, and their rates over the load's {@code inLoad} counts. */
  Map<String, Object> throughput(double loadSeconds, Counts inLoad) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sendsAcknowledged", acknowledged.sum());
    out.put("sendAttemptsFailed", failedAttempts.sum());
    out.put("sendsGivenUp", givenUp.sum());
    out.put("sendsSkippedBehind", skipped.sum());
    out.put("sendsPerSecond", Rounding.hundredths(inLoad.acknowledged() / loadSeconds));
    out.put("deliveriesPerSecond", Rounding.hundredths(inLoad.delivered() / loadSeconds));
    out.put("deliveredByPush", pushed.sum());
    out.put("deliveredByPull", pulled.sum());
    return out;
  }

  synchronized Map<String, Object> latencies() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sendToPush", Hist.summary(pushTotal));
    Map<String, Object> bySize = new LinkedHashMap<>();
    for (ConversationSize size : ConversationSize.values()) {
      if (pushBySize[size.ordinal()].getTotalCount() > 0) {
        bySize.put(size.label, Hist.summary(pushBySize[size.ordinal()]));
      }
    }
    out.put("sendToPushByConversationSize", bySize);
    out.put("send", Hist.summary(sendTotal));
    out.put("pull", Hist.summary(pullTotal));
    return out;
  }

  /** All send→push latencies taken so far; read it once the load is over. */
  Histogram pushTotal() {
    return pushTotal;
  }

  /** All REST send latencies taken so far; read it once the load is over. */
  Histogram sendTotal() {
    return sendTotal;
  }
}
