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
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The bare pipeline with nothing of ours in it, driven at a given rate: {@link BarePipeline} runs
 * as a process of its own (producer, consumer, WebSocket server) on the same broker, and Vert.x
 * clients here time each frame. Its CPU time per delivery is measured like ours, per part.
 */
final class Baseline {
  private static final String TOPIC = "im.bench.baseline";

  private final Target target;
  private final Consumer<String> log;
  private Histogram histogram;

  Baseline(Target target, Consumer<String> log) {
    this.target = target;
    this.log = log;
  }

  /**
   * The load of a run of ours: {@code sendsPerSecond}, each fanned out to {@code perSend} records,
   * over {@code connections} clients; the first {@code warmupSeconds} are not measured.
   */
  record Load(double sendsPerSecond, int perSend, int connections, int warmupSeconds, int seconds) {
    double deliveriesPerSecond() {
      return sendsPerSecond * perSend;
    }
  }

  Map<String, Object> run(Load load) throws Exception {
    log.accept(
        String.format(
            "baseline: %.0f sends/s × %d records (%.0f deliveries/s) for %d + %d s to %d WebSocket"
                + " clients (Kafka → WebSocket, no DB)",
            load.sendsPerSecond(),
            load.perSend(),
            load.deliveriesPerSecond(),
            load.warmupSeconds(),
            load.seconds(),
            load.connections()));
    int connections = load.connections();
    KafkaTopics.create(target.kafkaBootstrap, 12, TOPIC);
    Vertx vertx = Vertx.vertx();
    Recorder latency = new Recorder(Hist.HIGHEST_MICROS, 3);
    LongAdder received = new LongAdder();
    List<WebSocket> clients = new ArrayList<>();
    try (PipelineProcess pipeline = PipelineProcess.start(target.kafkaBootstrap, TOPIC)) {
      int port = Integer.parseInt(pipeline.answer("port"));
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
      return measure(pipeline, latency, received, load);
    } finally {
      for (WebSocket ws : clients) {
        ws.close();
      }
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private Map<String, Object> measure(
      PipelineProcess pipeline, Recorder latency, LongAdder received, Load load) throws Exception {
    pipeline.command(
        String.join(
            " ",
            "run",
            Double.toString(load.sendsPerSecond()),
            Integer.toString(load.perSend()),
            Integer.toString(load.warmupSeconds() + load.seconds()),
            Integer.toString(load.connections())));
    long start = System.nanoTime();
    long warmupEnd = start + TimeUnit.SECONDS.toNanos(load.warmupSeconds());
    long nextTick = start + TimeUnit.SECONDS.toNanos(1);
    boolean warm = false;
    long receivedAtWarm = 0;
    long warmNanos = start;
    Map<String, Double> cpuAtWarm = CpuUse.snapshotBare(target, pipeline.pid());
    long lastReceived = 0;
    List<Map<String, Object>> series = new ArrayList<>();
    Histogram total = Hist.create();
    String sent;
    while ((sent = pipeline.poll("sent", 50)) == null) {
      long now = System.nanoTime();
      if (!warm && now >= warmupEnd) {
        warm = true;
        latency.reset();
        receivedAtWarm = received.sum();
        warmNanos = now;
        cpuAtWarm = CpuUse.snapshotBare(target, pipeline.pid());
      }
      if (now >= nextTick) {
        Histogram interval = latency.getIntervalHistogram();
        if (warm) {
          total.add(interval);
        }
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
        lastReceived = got;
        nextTick += TimeUnit.SECONDS.toNanos(1);
      }
    }
    double elapsed = (System.nanoTime() - warmNanos) / 1e9;
    Map<String, Double> cores =
        CpuUse.coresUsed(cpuAtWarm, CpuUse.snapshotBare(target, pipeline.pid()), elapsed);
    long records = Long.parseLong(sent);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (received.sum() < records && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    total.add(latency.getIntervalHistogram());
    double perSecond = (received.sum() - receivedAtWarm) / elapsed;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("load", load);
    out.put("targetDeliveriesPerSecond", load.deliveriesPerSecond());
    out.put("recordsSent", records);
    out.put("framesReceived", received.sum());
    out.put("warmupSecondsExcluded", Rounding.hundredths((warmNanos - start) / 1e9));
    out.put("deliveriesPerSecond", Rounding.hundredths(perSecond));
    out.put("cpuCoresUsed", cores);
    out.put("cpuMicrosPerDelivery", CpuUse.microsPerDelivery(cores, perSecond));
    out.put("sendToPush", Hist.summary(total));
    out.put("series", series);
    log.accept("baseline: " + received.sum() + "/" + records + " frames, " + Hist.brief(total));
    histogram = total;
    return out;
  }

  Histogram histogram() {
    return histogram;
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
