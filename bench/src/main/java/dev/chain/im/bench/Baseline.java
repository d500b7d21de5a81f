package dev.chain.im.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.chain.im.testsupport.KafkaTopics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The bare pipeline with nothing of ours in it, driven in the shape of a run of ours: {@link
 * BarePipeline} runs as a process of its own (producer, consumer, WebSocket server) on the same
 * broker, and Vert.x clients here time each frame. Its CPU time per delivery is measured like ours,
 * per part.
 */
final class Baseline {
  private static final String TOPIC = "im.bench.baseline";
  private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Target target;
  private final Consumer<String> log;
  private Histogram histogram;

  Baseline(Target target, Consumer<String> log) {
    this.target = target;
    this.log = log;
  }

  /**
   * What a run of ours looked like: the records one send makes for each conversation (its members'
   * devices), sends spread evenly over them, and the WebSocket connections.
   */
  record Shape(List<Integer> fanOuts, int connections) {
    double meanFanOut() {
      return fanOuts.stream().mapToInt(Integer::intValue).average().orElse(1);
    }

    private String fanOutArgument() {
      return fanOuts.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
  }

  /** One step of the bare pipeline at a fixed rate. */
  record Step(
      double targetSendsPerSecond,
      double offeredDeliveriesPerSecond,
      double deliveriesPerSecond,
      long recordsSent,
      long framesReceived,
      Map<String, Object> sendToPush,
      Map<String, Double> cpuCoresUsed,
      Map<String, Double> cpuMicrosPerDelivery,
      boolean sustained)
      implements RampStep {
    /** The producer runs on schedule in every step kept up, so the target is what it carried. */
    @Override
    public double sendsPerSecond() {
      return targetSendsPerSecond;
    }
  }

  /** {@code sendsPerSecond} for {@code seconds}, measured after a warm-up at the same rate. */
  Map<String, Object> run(Shape shape, double sendsPerSecond, int warmupSeconds, int seconds)
      throws Exception {
    log.accept(
        String.format(
            "baseline: %.2f sends/s × %.1f records (%.0f deliveries/s) for %d + %d s to %d"
                + " WebSocket clients (Kafka → WebSocket, no DB)",
            sendsPerSecond,
            shape.meanFanOut(),
            sendsPerSecond * shape.meanFanOut(),
            warmupSeconds,
            seconds,
            shape.connections()));
    try (Session session = new Session(shape)) {
      session.warmUp(sendsPerSecond, warmupSeconds);
      Step step = session.step(sendsPerSecond, seconds, Long.MAX_VALUE);
      log.accept(
          "baseline: "
              + step.framesReceived()
              + "/"
              + step.recordsSent()
              + " frames, "
              + Hist.brief(histogram));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("sendsPerSecond", sendsPerSecond);
      out.put("meanFanOut", Rounding.hundredths(shape.meanFanOut()));
      out.put("connections", shape.connections());
      out.put("warmupSeconds", warmupSeconds);
      out.put("targetDeliveriesPerSecond", step.offeredDeliveriesPerSecond());
      out.put("recordsSent", step.recordsSent());
      out.put("framesReceived", step.framesReceived());
      out.put("deliveriesPerSecond", step.deliveriesPerSecond());
      out.put("cpuCoresUsed", step.cpuCoresUsed());
      out.put("cpuMicrosPerDelivery", step.cpuMicrosPerDelivery());
      out.put("sendToPush", step.sendToPush());
      out.put("series", session.series);
      return out;
    }
  }

  /**
   * The rates in turn, after a warm-up at the first, until a step does not keep up: the producer
   * behind its schedule by over 10%, over 1% of the records not delivered within the drain, or
   * send→push p99 over {@code p99LimitMillis}.
   */
  List<Step> ramp(
      Shape shape, List<Double> sendRates, int warmupSeconds, int stepSeconds, int p99LimitMillis)
      throws Exception {
    log.accept(
        String.format(
            "baseline ramp: %s sends/s × %.1f records, %d s a step, to %d WebSocket clients",
            sendRates, shape.meanFanOut(), stepSeconds, shape.connections()));
    List<Step> steps = new ArrayList<>();
    try (Session session = new Session(shape)) {
      session.warmUp(sendRates.get(0), warmupSeconds);
      Histogram all = Hist.create();
      for (double rate : sendRates) {
        Step step = session.step(rate, stepSeconds, TimeUnit.MILLISECONDS.toMicros(p99LimitMillis));
        all.add(histogram);
        steps.add(step);
        log.accept(
            String.format(
                "baseline step: %.0f sends/s → %.0f of %.0f deliveries/s, %s%s",
                rate,
                step.deliveriesPerSecond(),
                step.offeredDeliveriesPerSecond(),
                Hist.brief(histogram),
                step.sustained() ? "" : " — saturated"));
        if (!step.sustained()) {
          break;
        }
      }
      histogram = all;
    }
    return steps;
  }

  /** Every frame timed in the last run or ramp, after the warm-up. */
  Histogram histogram() {
    return histogram;
  }

  /** The pipeline process and the clients connected to it. */
  private final class Session implements AutoCloseable {
    private final Shape shape;
    private final Vertx vertx = Vertx.vertx();
    private final Recorder latency = new Recorder(Hist.HIGHEST_MICROS, 3);
    private final LongAdder received = new LongAdder();
    private final List<WebSocket> clients = new ArrayList<>();
    private final List<Map<String, Object>> series = new ArrayList<>();
    private final PipelineProcess pipeline;
    private final long start = System.nanoTime();
    private long recordsSent;

    Session(Shape shape) throws Exception {
      this.shape = shape;
      KafkaTopics.create(target.kafkaBootstrap, 12, TOPIC);
      pipeline = PipelineProcess.start(target.kafkaBootstrap, TOPIC);
      try {
        connect(Integer.parseInt(pipeline.answer("port")));
      } catch (Exception e) {
        close();
        throw e;
      }
    }

    private void connect(int port) throws Exception {
      int connections = shape.connections();
      HttpClient client =
          vertx.createHttpClient(new HttpClientOptions().setMaxWebSockets(connections + 10));
      for (int i = 0; i < connections; i++) {
        WebSocket ws =
            client
                .webSocket(
                    new WebSocketConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(port)
                        .setURI("/ws?u=u" + i))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        ws.textMessageHandler(
            text -> {
              long stamp = producedAt(text);
              if (stamp != 0) {
                latency.recordValue(Hist.micros(System.nanoTime() - stamp));
                received.increment();
              }
            });
        clients.add(ws);
      }
      pipeline.command("await " + connections);
      log.accept("baseline: " + pipeline.answer("connected") + " connected");
    }

    void warmUp(double sendsPerSecond, int seconds) throws Exception {
      if (seconds > 0) {
        step(sendsPerSecond, seconds, Long.MAX_VALUE);
      }
    }

    /**
     * Produces at the rate for the seconds, then waits up to {@link #DRAIN_NANOS} for the frames;
     * the step's latency is left in {@link #histogram}.
     */
    Step step(double sendsPerSecond, int seconds, long p99LimitMicros) throws Exception {
      long receivedBefore = received.sum();
      latency.reset();
      Map<String, Double> cpuBefore = CpuUse.snapshotBare(target, pipeline.pid());
      long began = System.nanoTime();
      pipeline.command(
          String.join(
              " ",
              "run",
              Double.toString(sendsPerSecond),
              shape.fanOutArgument(),
              Integer.toString(seconds),
              Integer.toString(shape.connections())));
      Histogram step = Hist.create();
      long nextTick = began + TimeUnit.SECONDS.toNanos(1);
      long lastReceived = receivedBefore;
      String sent;
      while ((sent = pipeline.poll("sent", 50)) == null) {
        long now = System.nanoTime();
        if (now >= nextTick) {
          lastReceived = tick(now, step, lastReceived);
          nextTick += TimeUnit.SECONDS.toNanos(1);
        }
      }
      long produced = Long.parseLong(sent);
      double producing = (System.nanoTime() - began) / 1e9;
      recordsSent += produced;
      long deadline = System.nanoTime() + DRAIN_NANOS;
      while (received.sum() < recordsSent && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      double elapsed = (System.nanoTime() - began) / 1e9;
      Map<String, Double> cores =
          CpuUse.coresUsed(cpuBefore, CpuUse.snapshotBare(target, pipeline.pid()), elapsed);
      step.add(latency.getIntervalHistogram());
      histogram = step;
      long frames = received.sum() - receivedBefore;
      double offered = sendsPerSecond * shape.meanFanOut();
      double perSecond = frames / Math.max(seconds, producing);
      boolean sustained =
          producing <= 1.1 * seconds
              && frames >= 0.99 * produced
              && step.getValueAtPercentile(99) <= p99LimitMicros;
      return new Step(
          sendsPerSecond,
          Rounding.hundredths(offered),
          Rounding.hundredths(perSecond),
          produced,
          frames,
          Hist.summary(step),
          cores,
          CpuUse.microsPerDelivery(cores, frames / elapsed),
          sustained);
    }

    private long tick(long now, Histogram step, long lastReceived) {
      Histogram interval = latency.getIntervalHistogram();
      step.add(interval);
      long got = received.sum();
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("t", Rounding.hundredths((now - start) / 1e9));
      point.put("deliveriesPerSecond", got - lastReceived);
      point.put(
          "p99Ms",
          interval.getTotalCount() == 0 ? null : Hist.ms(interval.getValueAtPercentile(99)));
      series.add(point);
      log.accept(
          String.format(
              "[baseline %4.0fs] %7d deliveries/s  %s",
              (now - start) / 1e9, got - lastReceived, Hist.brief(interval)));
      return got;
    }

    @Override
    public void close() throws Exception {
      for (WebSocket ws : clients) {
        ws.close();
      }
      try {
        pipeline.close();
      } finally {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static final JsonFactory JSON = new JsonFactory();

  /** The {@code t} of a frame, read without building a tree; 0 if it has none. */
  static long producedAt(String frame) {
    try (JsonParser parser = JSON.createParser(frame)) {
      while (parser.nextToken() != null) {
        if (parser.currentToken() == JsonToken.FIELD_NAME && "t".equals(parser.currentName())) {
          parser.nextToken();
          return parser.getLongValue();
        }
      }
    } catch (IOException e) {
      // not a frame of the pipeline
    }
    return 0;
  }
}
