package dev.chain.im.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Kafka's own jars ({@code kafka_2.13} and its dependencies), which the stack's build copies to
 * {@code stack/target/kafka-broker}, to run its tools and the broker from.
 */
record KafkaInstallation(Path directory) {

  static KafkaInstallation in(Path projectRoot) {
    return new KafkaInstallation(projectRoot.resolve("stack/target/kafka-broker"));
  }

  /** Fails with what to do when the jars are not there. */
  void requireBuilt() {
    if (!Files.isDirectory(directory) || !containsBroker()) {
      throw new IllegalStateException(
          "Kafka is not built: "
              + directory
              + " has no kafka_2.13 jar. Run ./mvnw -DskipTests package first.");
    }
  }

  JavaCommand command(String mainClass, List<String> jvmOptions, List<String> arguments) {
    return JavaCommand.mainClass(
        directory.resolve("*").toString(), mainClass, jvmOptions, arguments);
  }

  private boolean containsBroker() {
    try (Stream<Path> jars = Files.list(directory)) {
      return jars.anyMatch(jar -> jar.getFileName().toString().startsWith("kafka_2.13-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
