package dev.chain.im.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chain.im.protocol.push.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a run on a cluster says about scale-out: how many records Kafka carried and how many the
 * gateways consumed (their ratio, the amplification, is 1.0 when each record is consumed once),
 * whether any user's records came out of seq order, how long the users of a killed gateway took to
 * be caught up again on another one, the CPU each gateway spent per frame it pushed, and whether
 * any offline notification was published twice.
 */
final class ScaleOut {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long after the run the devices of a killed gateway may still take to be back. */
  private static final Duration MOVE_GRACE = Duration.ofSeconds(30);

  private final Target target;
  private final Map<String, String> gatewayOfUser;
  private final Map<String, double[]> before = new HashMap<>();

  private ScaleOut(Target target, Map<String, String> gatewayOfUser) {
    this.target = target;
    this.gatewayOfUser = gatewayOfUser;
    target.gateways.forEach((url, gateway) -> before.put(url, cpuAndFrames(gateway)));
  }

  /** Asks the route of every user, and takes each gateway's CPU and frames so far. */
  static ScaleOut begin(Target target, Population population) {
    Map<String, CompletableFuture<String>> routes = new LinkedHashMap<>();
    population.apis().forEach((user, api) -> routes.put(user, api.route().thenApply(r -> r.url())));
    Map<String, String> gatewayOfUser = new HashMap<>();
    routes.forEach(
        (user, route) -> gatewayOfUser.put(user, route.orTimeout(60, TimeUnit.SECONDS).join()));
    return new ScaleOut(target, gatewayOfUser);
  }

  Map<String, Object> report(Population population, Optional<FaultInjector.GatewayDeath> death) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("gateways", target.stack.pushGateways().size());
    out.put("messageServices", target.stack.messageServices().size());
    out.put("brokers", target.stack.kafka().nodes().size());
    Map<String, Long> usersPerGateway = new LinkedHashMap<>();
    gatewayOfUser.values().forEach(url -> usersPerGateway.merge(url, 1L, Long::sum));
    out.put("usersPerGateway", usersPerGateway);
    Records records = readTopic();
    double consumed = death.map(FaultInjector.GatewayDeath::recordsConsumed).orElse(0.0);
    Map<String, Object> cpu = new LinkedHashMap<>();
    for (Map.Entry<String, ServiceMetrics> gateway : target.gateways.entrySet()) {
      if (death.isPresent() && death.get().url().equals(gateway.getKey())) {
        continue;
      }
      consumed += gateway.getValue().scrape().sum("im_push_records_total");
      double[] start = before.get(gateway.getKey());
      double[] end = cpuAndFrames(gateway.getValue());
      double frames = end[1] - start[1];
      if (start[0] >= 0 && end[0] >= 0 && frames > 0) {
        cpu.put(gateway.getKey(), Rounding.hundredths((end[0] - start[0]) * 1e6 / frames));
      }
    }
    out.put("recordsProduced", records.produced);
    out.put("recordsConsumedByGateways", (long) consumed);
    out.put(
        "amplification",
        records.produced == 0 ? null : Rounding.hundredths(consumed / records.produced));
    out.put("reorderedRecordsPerKey", records.reordered);
    out.put("duplicateRecords", records.duplicates);
    out.put("keys", records.keys);
    out.put("gatewayCpuMicrosPerFrame", cpu);
    death.ifPresent(dead -> out.put("movedUsers", moved(population, dead)));
    out.put("notifications", notifications());
    return out;
  }

  /**
   * How long after the gateway died each of its users' devices was caught up again. A device still
   * waiting out its reconnect back-off when the load ends gets {@link #MOVE_GRACE} more: a device
   * whose chain did not grow after the death passes verification without reconnecting.
   */
  private Map<String, Object> moved(Population population, FaultInjector.GatewayDeath death) {
    List<Device> movedDevices =
        population.devices().stream()
            .filter(device -> death.url().equals(gatewayOfUser.get(device.userId())))
            .toList();
    long graceEnds = System.nanoTime() + MOVE_GRACE.toNanos();
    while (System.nanoTime() < graceEnds
        && movedDevices.stream()
            .anyMatch(device -> device.log().caughtUpAfter(death.atNanos()).isEmpty())) {
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
    Histogram reconnect = Hist.create();
    int devices = 0;
    int neverBack = 0;
    for (Device device : movedDevices) {
      devices++;
      OptionalLong back = device.log().caughtUpAfter(death.atNanos());
      if (back.isPresent()) {
        reconnect.recordValue(Hist.micros(back.getAsLong() - death.atNanos()));
      } else {
        neverBack++;
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("gateway", death.url());
    out.put("devices", devices);
    out.put("notCaughtUpAgain", neverBack);
    out.put("caughtUpAgainAfter", Hist.summary(reconnect));
    return out;
  }

  /**
   * The offline notifications the gateways committed: how many, and how many named the same user
   * and chain entry twice (exactly once means none).
   */
  private Map<String, Object> notifications() {
    long published = 0;
    Set<String> distinct = new HashSet<>();
    try (KafkaConsumer<String, String> consumer = fromTheStart(Topics.NOTIFICATIONS, true)) {
      long idleUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (System.nanoTime() < idleUntil) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
          published++;
          distinct.add(record.key() + "@" + fieldOf(record.value(), "chainSeq"));
          idleUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        }
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("published", published);
      out.put("distinctUserEntries", distinct.size());
      out.put("duplicates", published - distinct.size());
      return out;
    }
  }

  private KafkaConsumer<String, String> fromTheStart(String topic, boolean committedOnly) {
    Map<String, Object> settings =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            target.kafkaBootstrap,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            5000,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            committedOnly ? "read_committed" : "read_uncommitted");
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(PartitionInfo::partition)
            .map(partition -> new TopicPartition(topic, partition))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  private static double[] cpuAndFrames(ServiceMetrics gateway) {
    double cpu = gateway.process().map(p -> CpuUse.seconds(p.pid())).orElse(-1.0);
    return new double[] {cpu, gateway.scrape().sum("im_push_frames_pushed_total")};
  }

  private record Records(long produced, long reordered, long duplicates, int keys) {}

  /**
   * Reads the whole deliveries topic: per key, a record whose seq is below one already read is
   * reordered, one whose seq was read before is a duplicate (allowed across a change of owner).
   */
  private Records readTopic() {
    try (KafkaConsumer<String, String> consumer = fromTheStart(Topics.DELIVERIES, false)) {
      List<TopicPartition> partitions = List.copyOf(consumer.assignment());
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long produced = end.values().stream().mapToLong(Long::longValue).sum();
      Map<String, Long> highest = new HashMap<>();
      Set<String> seen = new HashSet<>();
      long read = 0;
      long reordered = 0;
      long duplicates = 0;
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (read < produced && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          read++;
          long seq = fieldOf(record.value(), "seq");
          String key = record.key();
          if (!seen.add(key + "@" + seq)) {
            duplicates++;
          } else if (seq < highest.getOrDefault(key, 0L)) {
            reordered++;
          }
          highest.merge(key, seq, Math::max);
        }
      }
      return new Records(produced, reordered, duplicates, highest.size());
    }
  }

  private static long fieldOf(String value, String field) {
    try {
      JsonNode json = JSON.readTree(value);
      return json.get(field).asLong();
    } catch (Exception e) {
      return -1;
    }
  }
}
