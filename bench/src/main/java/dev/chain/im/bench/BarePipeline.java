package dev.chain.im.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The bare pipeline's server side, in a process of its own so that its CPU time is its own: a
 * {@link KafkaProducer} sends one keyed record per delivery, a {@link KafkaConsumer} reads them and
 * a minimal Vert.x WebSocket server writes each record as a text frame to the connection of its key
 * ({@code /ws?u=<key>}). No database and no logic. Producer settings match message-service's
 * (acks=all, linger 1 ms).
 *
 * <p>{@code BarePipeline <bootstrap> <topic>} prints {@code port <n>} once it listens and its
 * consumer is positioned, then takes commands on standard input, one per line: {@code await <n>}
 * answers {@code connected <n>} once n clients are connected; {@code run <sends/s> <fan-outs>
 * <seconds> <keys>} produces that load (the conversations' fan-outs, separated by commas) and
 * answers {@code sent <records>}; end of input stops it. Each record carries {@code t}, the {@link
 * System#nanoTime()} of its production, which is the machine's monotonic clock, so the load tool in
 * another process on this machine can time the frame.
 */
public final class BarePipeline {
  private static final Duration CONNECT_WAIT = Duration.ofSeconds(60);
  private static final String PAD = "x".repeat(300);

  private final PrintStream answers = System.out;
  private final Map<String, ServerWebSocket> sockets = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final String bootstrap;
  private final String topic;

  private BarePipeline(String bootstrap, String topic) {
    this.bootstrap = bootstrap;
    this.topic = topic;
  }

  public static void main(String[] args) throws Exception {
    BarePipeline pipeline = new BarePipeline(args[0], args[1]);
    // standard output carries the answers only; whatever a library prints goes to the log
    System.setOut(System.err);
    pipeline.serve();
  }

  private void serve() throws Exception {
    Vertx vertx = Vertx.vertx();
    KafkaConsumer<String, String> consumer = positionedConsumer();
    Thread consumerThread = new Thread(() -> forward(consumer), "bare-pipeline-consumer");
    try (KafkaProducer<String, String> producer = producer()) {
      HttpServer server = listen(vertx);
      consumerThread.start();
      answers.println("port " + server.actualPort());
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        String[] words = line.trim().split(" ");
        switch (words[0]) {
          case "await" -> answers.println("connected " + awaitConnections(parse(words[1])));
          case "run" ->
              answers.println(
                  "sent "
                      + produce(
                          producer,
                          Double.parseDouble(words[1]),
                          fanOuts(words[2]),
                          parse(words[3]),
                          parse(words[4])));
          default -> answers.println("unknown command " + words[0]);
        }
      }
    } finally {
      running.set(false);
      consumerThread.join(5000);
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private HttpServer listen(Vertx vertx) throws Exception {
    return vertx
        .createHttpServer()
        .webSocketHandler(
            ws -> {
              String key = ws.query() == null ? "" : ws.query().replace("u=", "");
              sockets.put(key, ws);
              ws.closeHandler(v -> sockets.remove(key, ws));
            })
        .listen(0, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private KafkaConsumer<String, String> positionedConsumer() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-baseline-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    consumer.subscribe(List.of(topic));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(100));
    }
    consumer.seekToEnd(consumer.assignment());
    consumer.assignment().forEach(consumer::position);
    return consumer;
  }

  private void forward(KafkaConsumer<String, String> consumer) {
    try (consumer) {
      while (running.get()) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
          ServerWebSocket ws = sockets.get(record.key());
          if (ws != null) {
            ws.writeTextMessage(record.value());
          }
        }
      }
    }
  }

  private KafkaProducer<String, String> producer() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  private int awaitConnections(int wanted) throws InterruptedException {
    long deadline = System.nanoTime() + CONNECT_WAIT.toNanos();
    while (sockets.size() < wanted && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return sockets.size();
  }

  /**
   * Sends at {@code sendsPerSecond}, each to one of the conversations picked at random, as the load
   * tool picks them: its fan-out of records is handed to the producer at once, as a send hands one
   * record per member's device; keys in turn. Checks the schedule once a millisecond.
   */
  private long produce(
      KafkaProducer<String, String> producer,
      double sendsPerSecond,
      int[] fanOuts,
      int seconds,
      int keys) {
    Random conversations = new Random(42);
    long sends = 0;
    long records = 0;
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long now;
    while ((now = System.nanoTime()) < end) {
      long due = (long) ((now - start) / 1e9 * sendsPerSecond);
      for (; sends < due; sends++) {
        String stamp = ",\"t\":" + System.nanoTime() + ",\"pad\":\"" + PAD + "\"}";
        int fanOut = fanOuts[conversations.nextInt(fanOuts.length)];
        for (int i = 0; i < fanOut; i++, records++) {
          String value = "{\"type\":\"entry\",\"seq\":" + records + stamp;
          producer.send(new ProducerRecord<>(topic, "u" + (records % keys), value));
        }
      }
      LockSupport.parkNanos(1_000_000);
    }
    producer.flush();
    return records;
  }

  private static int[] fanOuts(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).mapToInt(BarePipeline::parse).toArray();
  }

  private static int parse(String number) {
    return Integer.parseInt(number);
  }
}
