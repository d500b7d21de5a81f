package dev.chain.im.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its first record, as a consumer group of its own that sees committed records
 * only ({@code read_committed}, as an operator's bridge reads notifications). Every record read is
 * held to the AsyncAPI document ({@link AsyncApiContract}).
 */
public final class TopicRecords {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private TopicRecords() {}

  /**
   * The wanted records, read until {@code count} came and {@code quiet} more passed, so that a
   * record that should not be there has time to show up; fewer if 30 s pass first.
   */
  public static List<ConsumerRecord<String, String>> read(
      String bootstrapServers,
      String topic,
      Predicate<ConsumerRecord<String, String>> wanted,
      int count,
      Duration quiet) {
    List<ConsumerRecord<String, String>> found = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      long quietUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, quietUntil)) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (wanted.test(record)) {
            if (AsyncApiContract.describes(topic)) {
              AsyncApiContract.checkRecord(topic, record.value());
            }
            found.add(record);
          }
        }
        if (found.size() >= count && quietUntil == Long.MAX_VALUE) {
          quietUntil = System.nanoTime() + quiet.toNanos();
        }
      }
    }
    return found;
  }

  private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed"),
        new StringDeserializer(),
        new StringDeserializer());
  }
}
