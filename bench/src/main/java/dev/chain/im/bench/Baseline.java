package dev.chain.im.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chain.im.testsupport.KafkaTopics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The bare pipeline with nothing of ours in it: a {@link KafkaProducer} sends one keyed record per
 * delivery, a {@link KafkaConsumer} reads them and a minimal Vert.x WebSocket server writes each
 * record as a text frame to the connection of its key; Vert.x clients time each frame. Same
 * machine, same broker, same JVM clock as the real run, no database and no logic. Producer settings
 * match message-service's (acks=all, linger 1 ms).
 */
final class Baseline {
  private static final String TOPIC = "im.bench.baseline";

  private final String bootstrap;
  private final Consumer<String> log;

  Baseline(String bootstrap, Consumer<String> log) {
    this.bootstrap = bootstrap;
    this.log = log;
  }

  /** Pushes {@code deliveriesPerSecond} for {@code seconds} to {@code connections} clients. */
  Map<String, Object> run(double deliveriesPerSecond, int seconds, int connections)
      throws Exception {
    log.accept(
        String.format(
            "baseline: %.0f deliveries/s for %d s to %d WebSocket clients (Kafka → WebSocket, no DB)",
            deliveriesPerSecond, seconds, connections));
    KafkaTopics.create(bootstrap, 12, TOPIC);
    Vertx vertx = Vertx.vertx();
    Map<String, ServerWebSocket> sockets = new ConcurrentHashMap<>();
    Recorder latency = new Recorder(Hist.HIGHEST_MICROS, 3);
    LongAdder received = new LongAdder();
    ObjectMapper mapper = new ObjectMapper();
    HttpServer server =
        vertx
            .createHttpServer()
            .webSocketHandler(
                ws -> {
                  String user = ws.query() == null ? "" : ws.query().replace("u=", "");
                  sockets.put(user, ws);
                  ws.closeHandler(v -> sockets.remove(user, ws));
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    HttpClient client =
        vertx.createHttpClient(new HttpClientOptions().setMaxWebSockets(connections + 10));
    List<WebSocket> clients = new ArrayList<>();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread consumerThread = null;
    try {
      for (int i = 0; i < connections; i++) {
        WebSocket ws =
            client
                .webSocket(
                    new WebSocketConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(server.actualPort())
                        .setURI("/ws?u=u" + i))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        ws.textMessageHandler(
            text -> {
              long now = System.nanoTime();
              try {
                JsonNode node = mapper.readTree(text);
                latency.recordValue(Hist.micros(now - node.path("t").asLong()));
                received.increment();
              } catch (Exception e) {
                // not ours
              }
            });
        clients.add(ws);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (sockets.size() < connections && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }

      Properties consumerProps = new Properties();
      consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-baseline-" + UUID.randomUUID());
      consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
      consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      KafkaConsumer<String, String> consumer =
          new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer());
      consumer.subscribe(List.of(TOPIC));
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100));
      }
      consumer.seekToEnd(consumer.assignment());
      consumer.assignment().forEach(consumer::position);
      consumerThread =
          new Thread(
              () -> {
                try (consumer) {
                  while (running.get()) {
                    for (ConsumerRecord<String, String> record :
                        consumer.poll(Duration.ofMillis(50))) {
                      ServerWebSocket ws = sockets.get(record.key());
                      if (ws != null) {
                        ws.writeTextMessage(record.value());
                      }
                    }
                  }
                }
              },
              "baseline-consumer");
      consumerThread.start();

      Properties producerProps = new Properties();
      producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
      producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "1");
      String pad = "x".repeat(300);
      long sent = 0;
      List<Map<String, Object>> series = new ArrayList<>();
      Histogram total = Hist.create();
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long nextTick = start + TimeUnit.SECONDS.toNanos(1);
        long lastReceived = 0;
        long warmupEnd = start + TimeUnit.SECONDS.toNanos(Math.min(3, seconds / 4));
        boolean warm = false;
        long sentAtWarm = 0;
        long receivedAtWarm = 0;
        long warmNanos = start;
        long now;
        while ((now = System.nanoTime()) < end) {
          long due = (long) ((now - start) / 1e9 * deliveriesPerSecond);
          while (sent < due) {
            String user = "u" + (sent % connections);
            String value =
                "{\"type\":\"entry\",\"seq\":"
                    + sent
                    + ",\"t\":"
                    + System.nanoTime()
                    + ",\"pad\":\""
                    + pad
                    + "\"}";
            producer.send(new ProducerRecord<>(TOPIC, user, value));
            sent++;
          }
          if (!warm && now >= warmupEnd) {
            warm = true;
            latency.reset();
            sentAtWarm = sent;
            receivedAtWarm = received.sum();
            warmNanos = now;
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
          LockSupport.parkNanos(200_000);
        }
        producer.flush();
        double elapsed = (System.nanoTime() - warmNanos) / 1e9;
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.sum() < sent && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        total.add(latency.getIntervalHistogram());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("targetDeliveriesPerSecond", deliveriesPerSecond);
        out.put("connections", connections);
        out.put("recordsSent", sent);
        out.put("framesReceived", received.sum());
        out.put("warmupSecondsExcluded", Rounding.hundredths((warmNanos - start) / 1e9));
        out.put(
            "deliveriesPerSecond",
            Rounding.hundredths((received.sum() - receivedAtWarm) / elapsed));
        out.put("sendToPush", Hist.summary(total));
        out.put("series", series);
        log.accept("baseline: " + received.sum() + "/" + sent + " frames, " + Hist.brief(total));
        this.histogram = total;
        return out;
      }
    } finally {
      running.set(false);
      if (consumerThread != null) {
        consumerThread.join(5000);
      }
      for (WebSocket ws : clients) {
        ws.close();
      }
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private Histogram histogram;

  Histogram histogram() {
    return histogram;
  }
}
