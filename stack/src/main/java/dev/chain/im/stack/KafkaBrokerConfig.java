package dev.chain.im.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The stack's single KRaft node, broker and controller in one, as its {@code server.properties}:
 * clients on {@code port}, the controller quorum (this node alone) on {@code controllerPort}, all
 * data in {@code logDirectory}.
 */
record KafkaBrokerConfig(int port, int controllerPort, Path logDirectory) {
  static final int NODE_ID = 1;
  static final int PARTITIONS = 12;

  String bootstrapServers() {
    return "localhost:" + port;
  }

  Properties serverProperties() {
    Properties properties = new Properties();
    properties.put("process.roles", "broker,controller");
    properties.put("node.id", Integer.toString(NODE_ID));
    properties.put(
        "listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    properties.put("advertised.listeners", "PLAINTEXT://" + bootstrapServers());
    properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    properties.put("inter.broker.listener.name", "PLAINTEXT");
    properties.put("controller.listener.names", "CONTROLLER");
    // Static voters: the controller port may differ from one run of the stack to the next.
    properties.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
    properties.put("log.dirs", logDirectory.toString());
    properties.put("num.partitions", Integer.toString(PARTITIONS));
    properties.put("auto.create.topics.enable", "true");
    properties.put("offsets.topic.num.partitions", "1");
    properties.put("offsets.topic.replication.factor", "1");
    properties.put("transaction.state.log.replication.factor", "1");
    properties.put("transaction.state.log.min.isr", "1");
    properties.put("share.coordinator.state.topic.replication.factor", "1");
    properties.put("share.coordinator.state.topic.min.isr", "1");
    properties.put("group.initial.rebalance.delay.ms", "0");
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
