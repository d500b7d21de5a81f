package dev.chain.im.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * What an ephemeral frame costs: after the message load, typing signals through REST at a steady
 * rate, counted as the devices receive them, with the CPU of every part over that window. A typing
 * signal writes nothing to PostgreSQL and no chain entry, so its CPU per frame set beside a
 * delivery's in the same run shows what the chain costs.
 */
final class SignalCost {
  /** A typist and where they type; each is used at most once per this many seconds. */
  private record Typist(String userId, Conversation conversation) {}

  // Above the server's im.typing.interval (2 s), which would drop a signal that came sooner.
  private static final double SECONDS_BETWEEN_SIGNALS_OF_ONE_TYPIST = 2.5;
  // Below the default im.rate-limits.typing-per-minute (120, 2/s) of one user.
  private static final double SIGNALS_PER_SECOND_OF_ONE_USER = 1.5;

  private final Target target;
  private final Population population;
  private final int devicesPerUser;
  private final List<Typist> typists;
  private final int mostConversationsOfOneUser;
  private final LongAdder expectedFrames = new LongAdder();
  private final LongAdder answered = new LongAdder();
  private final LongAdder refused = new LongAdder();

  SignalCost(Target target, Population population, int devicesPerUser, Random random) {
    this.target = target;
    this.population = population;
    this.devicesPerUser = devicesPerUser;
    List<Typist> all = new ArrayList<>();
    Map<String, Integer> conversationsOf = new HashMap<>();
    for (Conversation conversation : population.conversations()) {
      for (String member : conversation.members()) {
        all.add(new Typist(member, conversation));
        conversationsOf.merge(member, 1, Integer::sum);
      }
    }
    Collections.shuffle(all, random);
    this.typists = all;
    this.mostConversationsOfOneUser =
        conversationsOf.values().stream().mapToInt(Integer::intValue).max().orElse(1);
  }

  /** The rate the server's throttles let through unchanged, at most {@code wanted}. */
  double feasibleRate(double wanted) {
    double byTypist = typists.size() / SECONDS_BETWEEN_SIGNALS_OF_ONE_TYPIST;
    double byUser =
        SIGNALS_PER_SECOND_OF_ONE_USER * typists.size() / (double) mostConversationsOfOneUser;
    return Math.min(wanted, Math.min(byTypist, byUser));
  }

  /** Signals at {@code wanted} per second (or the feasible rate) for {@code seconds}. */
  Map<String, Object> measure(double wanted, int seconds) throws InterruptedException {
    double rate = feasibleRate(wanted);
    long receivedBefore = receivedFrames();
    Map<String, Double> cpuBefore = CpuUse.snapshot(target);
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long issued = 0;
    long now;
    while ((now = System.nanoTime()) < end) {
      long due = (long) ((now - start) / 1e9 * rate);
      while (issued < due) {
        signal(typists.get((int) (issued % typists.size())));
        issued++;
      }
      LockSupport.parkNanos(200_000);
    }
    awaitFrames(issued, receivedBefore, TimeUnit.SECONDS.toNanos(5));
    double window = (System.nanoTime() - start) / 1e9;
    Map<String, Double> cores = CpuUse.coresUsed(cpuBefore, CpuUse.snapshot(target), window);
    long received = receivedFrames() - receivedBefore;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("signalsPerSecond", Rounding.hundredths(issued / window));
    out.put("signalsSent", issued);
    out.put("signalsRefused", refused.sum());
    out.put("framesExpected", expectedFrames.sum());
    out.put("framesReceived", received);
    double framesPerSecond = received / window;
    out.put("framesPerSecond", Rounding.hundredths(framesPerSecond));
    out.put("cpuCoresUsed", cores);
    out.put("cpuMicrosPerFrame", CpuUse.microsPerDelivery(cores, framesPerSecond));
    return out;
  }

  private void signal(Typist typist) {
    long others = (typist.conversation().members().size() - 1L) * devicesPerUser;
    population
        .api(typist.userId())
        .typing(typist.conversation().id())
        .whenComplete(
            (ok, error) -> {
              if (error == null) {
                expectedFrames.add(others);
              } else {
                refused.increment();
              }
              answered.increment();
            });
  }

  /**
   * Until the {@code issued} signals are answered and their frames arrived, or the time is up:
   * ephemeral frames are best effort, so some may never come.
   */
  private void awaitFrames(long issued, long receivedBefore, long timeoutNanos)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (System.nanoTime() < deadline
        && (answered.sum() < issued || receivedFrames() - receivedBefore < expectedFrames.sum())) {
      Thread.sleep(20);
    }
  }

  private long receivedFrames() {
    return population.devices().stream().mapToLong(d -> d.log().typingFrames()).sum();
  }
}
