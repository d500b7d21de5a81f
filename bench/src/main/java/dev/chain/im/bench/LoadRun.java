package dev.chain.im.bench;

import dev.chain.im.client.ApiException;
import dev.chain.im.client.AppliedEntry;
import dev.chain.im.client.ChainEntry;
import dev.chain.im.client.ConnectionState;
import dev.chain.im.client.ImClient;
import dev.chain.im.client.ImTransport;
import dev.chain.im.client.RestApi;
import dev.chain.im.client.SyncPage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One load run: users online with their devices (each an {@link ImClient} following the client
 * rule), conversations of the planned sizes, sends at the planned rates through REST, every
 * delivery timed, then every device checked against its user's chain on the server.
 */
final class LoadRun implements DeviceLog.Deliveries {
  static final String[] CLASSES = {"1:1", "group10", "group100", "large"};
  private static final long RETRY_FOR_NANOS = TimeUnit.SECONDS.toNanos(90);

  private final Plan plan;
  private final Target target;
  private final ImTransport transport;
  private final Consumer<String> log;
  private final String prefix;
  private final Random random = new Random(42);

  private record Conv(int index, String id, List<String> members, int sizeClass) {}

  private record Device(String userId, ImClient client, DeviceLog log) {}

  /** One sent message: when it was first sent, and when its last delivery arrived. */
  private static final class Track {
    final long start;
    final Conv conv;
    final boolean measured;
    final AtomicLong last = new AtomicLong();
    final AtomicInteger got = new AtomicInteger();

    Track(long start, Conv conv, boolean measured) {
      this.start = start;
      this.conv = conv;
      this.measured = measured;
    }
  }

  private final Map<String, RestApi> apis = new ConcurrentHashMap<>();
  private final Map<String, List<Device>> devicesByUser = new ConcurrentHashMap<>();
  private final List<Device> devices = new ArrayList<>();
  private final List<Conv> conversations = new ArrayList<>();
  private final ConcurrentHashMap<String, Track> tracks = new ConcurrentHashMap<>();
  private LongAdder[] ackedByConv;

  private final Recorder pushInterval = new Recorder(Hist.HIGHEST_MICROS, 3);
  private final Recorder sendInterval = new Recorder(Hist.HIGHEST_MICROS, 3);
  private final Recorder pullInterval = new Recorder(Hist.HIGHEST_MICROS, 3);
  private final ConcurrentHistogram[] pushByClass = new ConcurrentHistogram[CLASSES.length];
  private final Histogram pushTotal = Hist.create();
  private final Histogram sendTotal = Hist.create();
  private final Histogram pullTotal = Hist.create();
  private final LongAdder pushed = new LongAdder();
  private final LongAdder pulled = new LongAdder();
  private final LongAdder acked = new LongAdder();
  private final LongAdder sendFailures = new LongAdder();
  private final LongAdder givenUp = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong messageCounter = new AtomicLong();

  private final List<Map<String, Object>> series = new ArrayList<>();
  private final List<Map<String, Object>> steps = new ArrayList<>();
  private final List<Map<String, Object>> faultLog = new ArrayList<>();
  private final Map<String, Object> result = new LinkedHashMap<>();

  private volatile boolean loadRunning;
  private volatile boolean measuring;
  private volatile int step;
  private Histogram stepPush;
  private Histogram stepSend;
  private long loadStartNanos;
  private long lastTickNanos;
  private long lastAcked;
  private long lastDelivered;
  private long lastSkipped;
  private String content;

  LoadRun(Plan plan, Target target, ImTransport transport, Consumer<String> log) {
    this.plan = plan;
    this.target = target;
    this.transport = transport;
    this.log = log;
    this.prefix = "b" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    for (int i = 0; i < CLASSES.length; i++) {
      pushByClass[i] = new ConcurrentHistogram(Hist.HIGHEST_MICROS, 3);
    }
  }

  /** Sets up, runs the load, verifies; the summary is in {@link #result()}. */
  Map<String, Object> run() throws InterruptedException {
    long t0 = System.nanoTime();
    setUp();
    result.put("setupSeconds", seconds(System.nanoTime() - t0));
    result.put("memoryBeforeLoad", memory());
    load();
    result.put("memoryAfterLoad", memory());
    result.put("gatewayMetrics", gatewayMetrics());
    result.put("messageServiceMetrics", messageServiceMetrics());
    Verdict verdict = verify();
    result.put("verification", verdict);
    result.put("fanOutCompletion", fanOut());
    return result;
  }

  Map<String, Object> result() {
    return result;
  }

  Verdict verdict() {
    return (Verdict) result.get("verification");
  }

  Histogram pushHistogram() {
    return pushTotal;
  }

  Histogram sendHistogram() {
    return sendTotal;
  }

  List<Map<String, Object>> series() {
    return series;
  }

  /** The deliveries per second of the busiest step. */
  double peakDeliveriesPerSecond() {
    double peak = 0;
    for (Map<String, Object> s : steps) {
      peak = Math.max(peak, ((Number) s.get("deliveriesPerSecond")).doubleValue());
    }
    return peak;
  }

  int deviceCount() {
    return devices.size();
  }

  void close() {
    for (Device device : devices) {
      device.client().close();
    }
  }

  // ---------------------------------------------------------------- set-up

  private void setUp() {
    List<String> users = new ArrayList<>();
    for (int i = 0; i < plan.users(); i++) {
      users.add(prefix + "-u" + i);
    }
    log.accept(
        "setting up: "
            + plan.users()
            + " users × "
            + plan.devices()
            + " devices, conversations 1:1 "
            + plan.oneToOne()
            + ", groups of 10 "
            + plan.groups10()
            + ", of 100 "
            + plan.groups100()
            + (plan.largeGroup() > 0 ? ", one of " + plan.largeGroup() : ""));
    Map<String, String> tokens = new ConcurrentHashMap<>();
    bounded(users, 32, user -> transport.devToken(user).thenAccept(t -> tokens.put(user, t)));
    for (String user : users) {
      apis.put(user, transport.api(tokens.get(user)));
    }
    List<String[]> deviceSlots = new ArrayList<>();
    for (String user : users) {
      for (int d = 0; d < plan.devices(); d++) {
        deviceSlots.add(new String[] {user});
      }
    }
    bounded(
        deviceSlots,
        64,
        slot -> {
          String user = slot[0];
          DeviceLog deviceLog = new DeviceLog(user, this);
          ImClient client = ImClient.create(transport, tokens.get(user), null, 0, deviceLog);
          Device device = new Device(user, client, deviceLog);
          synchronized (devices) {
            devices.add(device);
          }
          devicesByUser
              .computeIfAbsent(user, u -> new java.util.concurrent.CopyOnWriteArrayList<>())
              .add(device);
          return client.start();
        });
    log.accept("connected " + devices.size() + " devices");

    int n = 0;
    for (int i = 0; i < plan.oneToOne(); i++) {
      String a = users.get((2 * i) % users.size());
      String b = users.get((2 * i + 1 + i / users.size()) % users.size());
      if (a.equals(b)) {
        b = users.get((2 * i + 2) % users.size());
      }
      conversations.add(new Conv(n++, prefix + "-d" + i, List.of(a, b), 0));
    }
    for (int i = 0; i < plan.groups10(); i++) {
      conversations.add(new Conv(n++, prefix + "-g10-" + i, pick(users, 10), 1));
    }
    for (int i = 0; i < plan.groups100(); i++) {
      conversations.add(new Conv(n++, prefix + "-g100-" + i, pick(users, 100), 2));
    }
    if (plan.largeGroup() > 0) {
      conversations.add(new Conv(n++, prefix + "-large", pick(users, plan.largeGroup()), 3));
    }
    ackedByConv = new LongAdder[conversations.size()];
    for (int i = 0; i < ackedByConv.length; i++) {
      ackedByConv[i] = new LongAdder();
    }
    bounded(
        conversations,
        8,
        conv -> {
          String owner = conv.members().get(0);
          return apis.get(owner)
              .createConversation(
                  conv.id(), conv.members().subList(1, conv.members().size()), null, null);
        });
    log.accept("created " + conversations.size() + " conversations");
    StringBuilder text = new StringBuilder();
    while (text.length() < plan.contentBytes()) {
      text.append("lorem ipsum ");
    }
    content = text.substring(0, Math.max(1, plan.contentBytes()));
  }

  private List<String> pick(List<String> users, int count) {
    List<String> copy = new ArrayList<>(users);
    java.util.Collections.shuffle(copy, random);
    return List.copyOf(copy.subList(0, Math.min(count, copy.size())));
  }

  /** Runs {@code call} for every item with at most {@code concurrency} at once; waits for all. */
  private static <T> void bounded(
      List<T> items, int concurrency, Function<T, CompletableFuture<?>> call) {
    Semaphore permits = new Semaphore(concurrency);
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (T item : items) {
      permits.acquireUninterruptibly();
      CompletableFuture<?> future;
      try {
        future = call.apply(item);
      } catch (RuntimeException e) {
        permits.release();
        throw e;
      }
      future.whenComplete((r, e) -> permits.release());
      all.add(future);
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .orTimeout(10, TimeUnit.MINUTES)
        .join();
  }

  // ---------------------------------------------------------------- load

  private void load() throws InterruptedException {
    ScheduledExecutorService timers =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread thread = new Thread(r, "bench-timer");
              thread.setDaemon(true);
              return thread;
            });
    if (plan.warmupSeconds() > 0) {
      log.accept(
          "warming up for " + plan.warmupSeconds() + " s at " + plan.rates().get(0) + " sends/s");
      long start = System.nanoTime();
      runStep(plan.rates().get(0), start, start + TimeUnit.SECONDS.toNanos(plan.warmupSeconds()));
      long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (inFlight.get() > 0 && System.nanoTime() < drainDeadline) {
        Thread.sleep(20);
      }
      Thread.sleep(1000);
      pushInterval.reset();
      sendInterval.reset();
      pullInterval.reset();
    }
    measuring = true;
    loadRunning = true;
    loadStartNanos = System.nanoTime();
    lastTickNanos = loadStartNanos;
    stepPush = Hist.create();
    stepSend = Hist.create();
    Map<String, Double> cpuBefore = CpuUse.snapshot(target);
    timers.scheduleAtFixedRate(this::tickQuietly, 1, 1, TimeUnit.SECONDS);
    timers.scheduleAtFixedRate(this::pullOne, 50, 100, TimeUnit.MILLISECONDS);
    Thread faults = null;
    if (plan.faults()) {
      if (!target.local()) {
        throw new IllegalStateException("faults need a stack started by the benchmark");
      }
      faults = new Thread(this::injectFaults, "bench-faults");
      faults.setDaemon(true);
      faults.start();
    }
    try {
      for (int s = 0; s < plan.rates().size(); s++) {
        step = s;
        double rate = plan.rates().get(s);
        long stepStart = System.nanoTime();
        long ackedBefore = acked.sum();
        long deliveredBefore = pushed.sum() + pulled.sum();
        long skippedBefore = skipped.sum();
        runStep(rate, stepStart, stepStart + TimeUnit.SECONDS.toNanos(plan.stepSeconds()));
        tick();
        double secondsTaken = (System.nanoTime() - stepStart) / 1e9;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("targetSendsPerSecond", rate);
        summary.put("sendsPerSecond", round((acked.sum() - ackedBefore) / secondsTaken));
        summary.put(
            "deliveriesPerSecond",
            round((pushed.sum() + pulled.sum() - deliveredBefore) / secondsTaken));
        summary.put("skipped", skipped.sum() - skippedBefore);
        summary.put("sendToPush", Hist.summary(stepPush));
        summary.put("send", Hist.summary(stepSend));
        steps.add(summary);
        log.accept(
            String.format(
                "step %d: target %.0f sends/s → %.0f sends/s, %.0f deliveries/s, push %s, send %s",
                s + 1,
                rate,
                (Double) summary.get("sendsPerSecond"),
                (Double) summary.get("deliveriesPerSecond"),
                Hist.brief(stepPush),
                Hist.brief(stepSend)));
        boolean behind =
            (Double) summary.get("sendsPerSecond") < 0.9 * rate
                || (long) summary.get("skipped") > 0.01 * rate * plan.stepSeconds()
                || stepPush.getValueAtPercentile(99) > 1_000_000;
        stepPush = Hist.create();
        stepSend = Hist.create();
        if (plan.untilSaturation() && behind) {
          log.accept("saturated at step " + (s + 1) + ": stopping the ramp");
          result.put("saturatedAtStep", s + 1);
          break;
        }
      }
      if (faults != null) {
        faults.join(TimeUnit.MINUTES.toMillis(3));
      }
      double loadSeconds = (System.nanoTime() - loadStartNanos) / 1e9;
      long deliveredInLoad = pushed.sum() + pulled.sum();
      long ackedInLoad = acked.sum();
      result.put(
          "cpuCoresUsedDuringLoad",
          CpuUse.coresUsed(cpuBefore, CpuUse.snapshot(target), loadSeconds));
      loadRunning = false;
      long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (inFlight.get() > 0 && System.nanoTime() < drainDeadline) {
        Thread.sleep(50);
      }
      Thread.sleep(500);
      tick();
      result.put("loadSeconds", round(loadSeconds));
      result.put("sendsAcknowledged", acked.sum());
      result.put("sendAttemptsFailed", sendFailures.sum());
      result.put("sendsGivenUp", givenUp.sum());
      result.put("sendsSkippedBehind", skipped.sum());
      result.put("sendsPerSecond", round(ackedInLoad / loadSeconds));
      result.put("deliveriesPerSecond", round(deliveredInLoad / loadSeconds));
      result.put("deliveredByPush", pushed.sum());
      result.put("deliveredByPull", pulled.sum());
      result.put("devicesConnectedAtEnd", connectedDevices());
      result.put("devices", devices.size());
      result.put("sendToPush", Hist.summary(pushTotal));
      Map<String, Object> byClass = new LinkedHashMap<>();
      for (int i = 0; i < CLASSES.length; i++) {
        if (pushByClass[i].getTotalCount() > 0) {
          byClass.put(CLASSES[i], Hist.summary(pushByClass[i]));
        }
      }
      result.put("sendToPushByConversationSize", byClass);
      result.put("send", Hist.summary(sendTotal));
      result.put("pull", Hist.summary(pullTotal));
      result.put("steps", steps);
      result.put("faults", faultLog);
      result.put("series", series);
    } finally {
      loadRunning = false;
      timers.shutdownNow();
    }
  }

  private void runStep(double rate, long stepStart, long stepEnd) {
    long issued = 0;
    long now;
    while ((now = System.nanoTime()) < stepEnd) {
      long due = (long) ((now - stepStart) / 1e9 * rate);
      while (issued < due) {
        issued++;
        if (inFlight.get() >= plan.maxInFlight()) {
          skipped.increment();
        } else {
          fire();
        }
      }
      LockSupport.parkNanos(200_000);
    }
  }

  private void fire() {
    Conv conv = conversations.get(random.nextInt(conversations.size()));
    String sender = conv.members().get(random.nextInt(conv.members().size()));
    String clientMsgId = prefix + "-m" + messageCounter.incrementAndGet();
    Track track = new Track(System.nanoTime(), conv, measuring);
    tracks.put(clientMsgId, track);
    inFlight.incrementAndGet();
    attempt(conv, sender, clientMsgId, track, track.start);
  }

  private void attempt(Conv conv, String sender, String clientMsgId, Track track, long began) {
    apis.get(sender)
        .send(conv.id(), clientMsgId, Map.of("text", content))
        .whenComplete(
            (sent, error) -> {
              if (error == null) {
                if (track.measured) {
                  sendInterval.recordValue(Hist.micros(System.nanoTime() - began));
                  acked.increment();
                }
                ackedByConv[conv.index()].increment();
                inFlight.decrementAndGet();
                return;
              }
              sendFailures.increment();
              Throwable cause = RestApi.unwrap(error);
              boolean retriable =
                  !(cause instanceof ApiException api)
                      || api.status() >= 500
                      || api.status() == 408;
              if (plan.faults() && retriable && System.nanoTime() - track.start < RETRY_FOR_NANOS) {
                CompletableFuture.delayedExecutor(250, TimeUnit.MILLISECONDS)
                    .execute(() -> attempt(conv, sender, clientMsgId, track, System.nanoTime()));
              } else {
                givenUp.increment();
                inFlight.decrementAndGet();
                if (givenUp.sum() <= 5) {
                  log.accept("send failed: " + cause);
                }
              }
            });
  }

  @Override
  public void delivered(String clientMsgId, AppliedEntry applied) {
    Track track = clientMsgId == null ? null : tracks.get(clientMsgId);
    if (track == null) {
      return;
    }
    if (!track.measured) {
      return;
    }
    long latency = applied.receivedAtNanos() - track.start;
    track.got.incrementAndGet();
    track.last.accumulateAndGet(latency, Math::max);
    if (applied.source() == AppliedEntry.Source.PUSH) {
      pushed.increment();
      long micros = Hist.micros(latency);
      pushInterval.recordValue(micros);
      pushByClass[track.conv.sizeClass()].recordValue(micros);
    } else {
      pulled.increment();
    }
  }

  private void pullOne() {
    if (!loadRunning || devices.isEmpty()) {
      return;
    }
    Device device = devices.get(ThreadLocalRandomHolder.next(devices.size()));
    long after = Math.max(0, device.client().lastSeq() - 50);
    long began = System.nanoTime();
    apis.get(device.userId())
        .sync(after, 50)
        .thenRun(() -> pullInterval.recordValue(Hist.micros(System.nanoTime() - began)));
  }

  private static final class ThreadLocalRandomHolder {
    static int next(int bound) {
      return java.util.concurrent.ThreadLocalRandom.current().nextInt(bound);
    }
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.accept("progress: " + e);
    }
  }

  private synchronized void tick() {
    long now = System.nanoTime();
    double dt = (now - lastTickNanos) / 1e9;
    if (dt < 0.05) {
      return;
    }
    lastTickNanos = now;
    Histogram push = pushInterval.getIntervalHistogram();
    Histogram send = sendInterval.getIntervalHistogram();
    Histogram pull = pullInterval.getIntervalHistogram();
    pushTotal.add(push);
    sendTotal.add(send);
    pullTotal.add(pull);
    if (loadRunning) {
      stepPush.add(push);
      stepSend.add(send);
    }
    long ackedNow = acked.sum();
    long deliveredNow = pushed.sum() + pulled.sum();
    long skippedNow = skipped.sum();
    Map<String, Object> point = new LinkedHashMap<>();
    point.put("t", round((now - loadStartNanos) / 1e9));
    point.put("sendsPerSecond", round((ackedNow - lastAcked) / dt));
    point.put("deliveriesPerSecond", round((deliveredNow - lastDelivered) / dt));
    point.put(
        "pushP50Ms", push.getTotalCount() == 0 ? null : Hist.ms(push.getValueAtPercentile(50)));
    point.put(
        "pushP99Ms", push.getTotalCount() == 0 ? null : Hist.ms(push.getValueAtPercentile(99)));
    point.put("pushMaxMs", push.getTotalCount() == 0 ? null : Hist.ms(push.getMaxValue()));
    point.put(
        "sendP50Ms", send.getTotalCount() == 0 ? null : Hist.ms(send.getValueAtPercentile(50)));
    point.put(
        "sendP99Ms", send.getTotalCount() == 0 ? null : Hist.ms(send.getValueAtPercentile(99)));
    point.put("inFlight", inFlight.get());
    point.put("connected", connectedDevices());
    if (loadRunning) {
      synchronized (series) {
        series.add(point);
      }
    }
    log.accept(
        String.format(
            "[%5.1fs] step %d/%d  %6.0f sends/s  %7.0f deliveries/s  push %s  send %s  in-flight %d  skipped %d  failed %d  connected %d/%d",
            (now - loadStartNanos) / 1e9,
            step + 1,
            plan.rates().size(),
            (ackedNow - lastAcked) / dt,
            (deliveredNow - lastDelivered) / dt,
            Hist.brief(push),
            Hist.brief(send),
            inFlight.get(),
            skippedNow - lastSkipped,
            sendFailures.sum(),
            connectedDevices(),
            devices.size()));
    lastAcked = ackedNow;
    lastDelivered = deliveredNow;
    lastSkipped = skippedNow;
  }

  private int connectedDevices() {
    int connected = 0;
    for (Device device : devices) {
      if (device.log().state() == ConnectionState.CONNECTED) {
        connected++;
      }
    }
    return connected;
  }

  // ---------------------------------------------------------------- faults

  private void injectFaults() {
    long total = TimeUnit.SECONDS.toNanos(plan.totalSeconds());
    try {
      fault(
          total * 15 / 100,
          "kafka stopped for 5 s",
          () -> {
            target.stack.kafka().stop();
            sleep(5000);
            target.stack.kafka().restart();
          });
      fault(
          total * 40 / 100,
          "push-gateway stopped (SIGTERM) and started",
          () -> {
            target.stack.pushGateway().stop();
            sleep(1000);
            target.stack.pushGateway().start();
            target.stack.pushGateway().awaitReady(Duration.ofSeconds(60));
          });
      fault(
          total * 55 / 100,
          "PostgreSQL stopped for 3 s",
          () -> {
            target.stack.postgres().stop();
            sleep(3000);
            target.stack.postgres().restart();
          });
      fault(
          total * 75 / 100,
          "message-service killed (SIGKILL) and started",
          () -> {
            target.stack.messageService().kill();
            sleep(1000);
            target.stack.messageService().start();
            target.stack.messageService().awaitReady(Duration.ofSeconds(60));
          });
    } catch (RuntimeException e) {
      log.accept("fault injection failed: " + e);
      faultLog.add(Map.of("error", e.toString()));
    }
  }

  private void fault(long atNanos, String what, Runnable action) {
    long wait = loadStartNanos + atNanos - System.nanoTime();
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
    long began = System.nanoTime();
    log.accept("FAULT: " + what);
    action.run();
    long took = System.nanoTime() - began;
    log.accept("FAULT: " + what + " — back after " + round(took / 1e9) + " s");
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("atSeconds", round((began - loadStartNanos) / 1e9));
    entry.put("fault", what);
    entry.put("backAfterSeconds", round(took / 1e9));
    synchronized (faultLog) {
      faultLog.add(entry);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- verification

  private Verdict verify() throws InterruptedException {
    log.accept("verifying " + devices.size() + " devices against the server's chains…");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    long[] totals =
        new long[8]; // devices, caughtUp, entries, lost, dup, reordered, mismatched, resets
    List<Future<long[]>> futures = new ArrayList<>();
    for (Map.Entry<String, List<Device>> user : devicesByUser.entrySet()) {
      futures.add(pool.submit(() -> verifyUser(user.getKey(), user.getValue(), deadline)));
    }
    for (Future<long[]> future : futures) {
      try {
        long[] one = future.get();
        for (int i = 0; i < totals.length; i++) {
          totals[i] += one[i];
        }
      } catch (java.util.concurrent.ExecutionException e) {
        log.accept("verification error: " + e.getCause());
        totals[0] += 1; // counted as a device that did not catch up
      }
    }
    pool.shutdown();
    long expected = 0;
    for (Conv conv : conversations) {
      expected += ackedByConv[conv.index()].sum() * conv.members().size() * plan.devices();
    }
    long messageEntries = 0;
    for (Device device : devices) {
      for (int id : device.log().ids()) {
        if (id != 0) {
          messageEntries++;
        }
      }
    }
    Verdict verdict =
        new Verdict(
            (int) totals[0],
            (int) totals[1],
            totals[2],
            totals[3],
            totals[4],
            totals[5],
            totals[6],
            totals[7],
            expected,
            messageEntries);
    log.accept((verdict.passed() ? "VERIFIED: " : "VERIFICATION FAILED: ") + verdict);
    return verdict;
  }

  private long[] verifyUser(String userId, List<Device> userDevices, long deadline) {
    RestApi api = apis.get(userId);
    List<ChainEntry> server = new ArrayList<>();
    long after = 0;
    SyncPage page;
    do {
      page = api.sync(after, 500).orTimeout(30, TimeUnit.SECONDS).join();
      server.addAll(page.entries());
      if (!page.entries().isEmpty()) {
        after = page.entries().get(page.entries().size() - 1).seq();
      }
    } while (page.hasMore());
    int head = server.size();
    int[] serverIds = new int[head + 1];
    for (ChainEntry entry : server) {
      if (entry.seq() >= 1 && entry.seq() <= head) {
        serverIds[(int) entry.seq()] =
            entry.message() == null ? 0 : entry.message().id().hashCode();
      }
    }
    long[] totals = new long[8];
    for (Device device : userDevices) {
      totals[0]++;
      long remaining = Math.max(1, deadline - System.nanoTime());
      try {
        device.client().awaitSeq(head).orTimeout(remaining, TimeUnit.NANOSECONDS).join();
        totals[1]++;
      } catch (RuntimeException e) {
        // not caught up: what is missing counts as lost below
      }
      long[] seqs = device.log().seqs();
      int[] ids = device.log().ids();
      BitSet seen = new BitSet(head + 1);
      long previous = 0;
      for (int i = 0; i < seqs.length; i++) {
        long seq = seqs[i];
        totals[2]++;
        if (seq >= 0 && seq <= Integer.MAX_VALUE && seen.get((int) seq)) {
          totals[4]++;
        } else if (seq >= 0 && seq <= Integer.MAX_VALUE) {
          seen.set((int) seq);
        }
        if (seq < previous) {
          totals[5]++;
        }
        previous = Math.max(previous, seq);
        if (seq >= 1 && seq <= head && ids[i] != serverIds[(int) seq]) {
          totals[6]++;
        }
      }
      totals[3] += head - seen.get(1, head + 1).cardinality();
      totals[7] += device.log().resets();
    }
    return totals;
  }

  private Map<String, Object> fanOut() {
    Map<String, Object> out = new LinkedHashMap<>();
    Histogram[] byClass = new Histogram[CLASSES.length];
    long incomplete = 0;
    for (Track track : tracks.values()) {
      if (!track.measured) {
        continue;
      }
      int expected = track.conv.members().size() * plan.devices();
      if (track.got.get() >= expected) {
        if (byClass[track.conv.sizeClass()] == null) {
          byClass[track.conv.sizeClass()] = Hist.create();
        }
        byClass[track.conv.sizeClass()].recordValue(Hist.micros(track.last.get()));
      } else {
        incomplete++;
      }
    }
    for (int i = 0; i < CLASSES.length; i++) {
      if (byClass[i] != null) {
        out.put(CLASSES[i], Hist.summary(byClass[i]));
      }
    }
    out.put("messagesNotOnEveryDevice", incomplete);
    return out;
  }

  // ---------------------------------------------------------------- metrics

  private Map<String, Object> memory() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("messageService", target.messageService.memory());
    out.put("pushGateway", target.pushGateway.memory());
    return out;
  }

  private Map<String, Object> gatewayMetrics() {
    Map<String, Double> samples = target.pushGateway.scrape();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("connectionsOpen", ServiceMetrics.sum(samples, "im_push_connections_open"));
    double count = ServiceMetrics.sum(samples, "im_push_lag_seconds_count");
    double sum = ServiceMetrics.sum(samples, "im_push_lag_seconds_sum");
    out.put("pushLagRecords", count);
    out.put("pushLagMeanMs", count == 0 ? null : round(sum / count * 1000));
    out.put("pushLagMaxMs", round(ServiceMetrics.sum(samples, "im_push_lag_seconds_max") * 1000));
    Map<String, Object> buckets = new LinkedHashMap<>();
    for (String key : ServiceMetrics.matching(samples, "im_push_lag_seconds_bucket")) {
      int le = key.indexOf("le=\"");
      if (le >= 0 && count > 0) {
        String bound = key.substring(le + 4, key.indexOf('"', le + 4));
        buckets.put("≤" + bound + "s", round(samples.get(key) / count));
      }
    }
    out.put("pushLagFractionWithin", buckets);
    out.put("framesPushed", ServiceMetrics.sum(samples, "im_push_frames_pushed_total"));
    out.put(
        "connectionsClosedSlow",
        ServiceMetrics.sum(samples, "im_push_connections_closed_slow_total"));
    return out;
  }

  private Map<String, Object> messageServiceMetrics() {
    Map<String, Double> samples = target.messageService.scrape();
    Map<String, Object> out = new LinkedHashMap<>();
    String send = "uri=\"/v1/conversations/{cid}/messages\"";
    double count = ServiceMetrics.sum(samples, "http_server_requests_seconds_count", send, "POST");
    double sum = ServiceMetrics.sum(samples, "http_server_requests_seconds_sum", send, "POST");
    if (count > 0) {
      out.put("sendRequests", count);
      out.put("sendServerMeanMs", round(sum / count * 1000));
    }
    return out;
  }

  private static double seconds(long nanos) {
    return round(nanos / 1e9);
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
