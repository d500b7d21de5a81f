package dev.chain.im.stack;

import dev.chain.im.testsupport.KafkaTopics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;

/**
 * The stack's Kafka: one KRaft node on localhost, or, for a cluster, several on loopback addresses
 * of their own (127.0.0.11, .12, …), each broker and controller in one, all in one quorum. Topics
 * get as many replicas as there are nodes (at most 3), and a write needs all but one of them.
 */
public final class KafkaCluster implements AutoCloseable {
  private final List<KafkaProcess> nodes;
  private final int replicas;

  private KafkaCluster(List<KafkaProcess> nodes, int replicas) {
    this.nodes = nodes;
    this.replicas = replicas;
  }

  /** The single node of a one-broker stack on {@code port}. */
  static KafkaCluster single(KafkaInstallation installation, int port, Path data, Path logs) {
    KafkaBrokerConfig config = KafkaBrokerConfig.single(port, Ports.any(), data.resolve("kafka"));
    return new KafkaCluster(
        List.of(
            new KafkaProcess(
                "kafka",
                installation,
                config,
                Uuid.randomUuid().toString(),
                data.resolve("kafka-server.properties"),
                logs)),
        1);
  }

  /** {@code size} nodes on 127.0.0.11 and up, on free ports. */
  static KafkaCluster onLoopback(KafkaInstallation installation, int size, Path data, Path logs) {
    List<String> hosts = new ArrayList<>();
    List<Integer> controllerPorts = new ArrayList<>();
    for (int node = 1; node <= size; node++) {
      String host = "127.0.0." + (10 + node);
      hosts.add(host);
      controllerPorts.add(Ports.any(host));
    }
    String voters =
        IntStream.rangeClosed(1, size)
            .mapToObj(
                node -> node + "@" + hosts.get(node - 1) + ":" + controllerPorts.get(node - 1))
            .collect(Collectors.joining(","));
    int replicas = Math.min(3, size);
    String clusterId = Uuid.randomUuid().toString();
    List<KafkaProcess> nodes = new ArrayList<>();
    for (int node = 1; node <= size; node++) {
      String host = hosts.get(node - 1);
      KafkaBrokerConfig config =
          new KafkaBrokerConfig(
              host,
              node,
              Ports.any(host),
              controllerPorts.get(node - 1),
              data.resolve("kafka-" + node),
              voters,
              replicas);
      nodes.add(
          new KafkaProcess(
              "kafka-" + node,
              installation,
              config,
              clusterId,
              data.resolve("kafka-" + node + "-server.properties"),
              logs));
    }
    return new KafkaCluster(List.copyOf(nodes), replicas);
  }

  /** Starts every node, then waits until each serves. */
  public void start() {
    nodes.forEach(KafkaProcess::launch);
    nodes.forEach(KafkaProcess::awaitServing);
  }

  /** Stops every node (SIGTERM), keeping the data. */
  public void stop() {
    nodes.forEach(KafkaProcess::stop);
  }

  /** Starts the stopped nodes again on the same ports and data, and waits until they serve. */
  public void restart() {
    start();
  }

  public List<KafkaProcess> nodes() {
    return nodes;
  }

  public String bootstrapServers() {
    return nodes.stream().map(KafkaProcess::bootstrapServers).collect(Collectors.joining(","));
  }

  /** Creates topics with {@value KafkaBrokerConfig#PARTITIONS} partitions unless they exist. */
  public void createTopics(String... names) {
    KafkaTopics.create(bootstrapServers(), KafkaBrokerConfig.PARTITIONS, replicas, names);
  }

  @Override
  public void close() {
    stop();
  }
}
