package dev.chain.im.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * One KRaft node of the stack, broker and controller in one, as its {@code server.properties}:
 * clients on {@code host:port}, the controller on {@code host:controllerPort}, all data in {@code
 * logDirectory}. {@code quorumVoters} names every controller of the cluster ({@code
 * id@host:port,…}); {@code replicas} is how many copies of Kafka's own topics a cluster keeps.
 */
record KafkaBrokerConfig(
    String host,
    int nodeId,
    int port,
    int controllerPort,
    Path logDirectory,
    String quorumVoters,
    int replicas) {
  static final int PARTITIONS = 12;

  /** The single node of a one-broker stack, on localhost. */
  static KafkaBrokerConfig single(int port, int controllerPort, Path logDirectory) {
    return new KafkaBrokerConfig(
        "localhost", 1, port, controllerPort, logDirectory, "1@localhost:" + controllerPort, 1);
  }

  String bootstrapServers() {
    return host + ":" + port;
  }

  Properties serverProperties() {
    String replication = Integer.toString(replicas);
    String minInSync = Integer.toString(Math.max(1, replicas - 1));
    Properties properties = new Properties();
    properties.put("process.roles", "broker,controller");
    properties.put("node.id", Integer.toString(nodeId));
    properties.put(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    properties.put("advertised.listeners", "PLAINTEXT://" + bootstrapServers());
    properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    properties.put("inter.broker.listener.name", "PLAINTEXT");
    properties.put("controller.listener.names", "CONTROLLER");
    // Static voters: the controller ports may differ from one run of the stack to the next.
    properties.put("controller.quorum.voters", quorumVoters);
    properties.put("log.dirs", logDirectory.toString());
    properties.put("num.partitions", Integer.toString(PARTITIONS));
    properties.put("default.replication.factor", replication);
    properties.put("min.insync.replicas", minInSync);
    properties.put("auto.create.topics.enable", "true");
    properties.put("offsets.topic.num.partitions", "1");
    properties.put("offsets.topic.replication.factor", replication);
    properties.put("transaction.state.log.replication.factor", replication);
    properties.put("transaction.state.log.min.isr", minInSync);
    properties.put("share.coordinator.state.topic.replication.factor", replication);
    properties.put("share.coordinator.state.topic.min.isr", minInSync);
    properties.put("group.initial.rebalance.delay.ms", "0");
    if (replicas > 1) {
      // A node that stops answering loses its partitions' leadership within 3 s (default 9 s).
      properties.put("broker.session.timeout.ms", "3000");
      properties.put("broker.heartbeat.interval.ms", "1000");
    }
    return properties;
  }

  void writeTo(Path file) {
    try {
      Files.createDirectories(file.getParent());
      try (Writer writer = Files.newBufferedWriter(file)) {
        serverProperties().store(writer, "Written by the IM local stack on each start");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
