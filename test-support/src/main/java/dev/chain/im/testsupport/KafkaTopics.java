package dev.chain.im.testsupport;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates topics up front, for every broker the tests and the local stack start. Producers should
 * find their topic in place: creating it on a first send races the idempotent producer against
 * partition leadership.
 */
public final class KafkaTopics {
  private KafkaTopics() {}

  /** Creates the topics that do not exist yet, with this many partitions and one replica. */
  public static void create(String bootstrapServers, int partitions, String... names) {
    create(bootstrapServers, partitions, 1, names);
  }

  /**
   * Creates the topics that do not exist yet, with this many partitions and replicas; with more
   * than one replica, a write needs all but one of them ({@code min.insync.replicas}).
   */
  public static void create(
      String bootstrapServers, int partitions, int replicas, String... names) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          Arrays.stream(names)
              .filter(name -> !existing.contains(name))
              .map(
                  name ->
                      new NewTopic(name, partitions, (short) replicas)
                          .configs(
                              Map.of(
                                  "min.insync.replicas",
                                  Integer.toString(Math.max(1, replicas - 1)))))
              .toList();
      admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create topics " + Arrays.toString(names), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }
}
