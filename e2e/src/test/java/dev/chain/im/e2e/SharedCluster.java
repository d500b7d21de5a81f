package dev.chain.im.e2e;

import dev.chain.im.stack.LocalStack;
import java.nio.file.Path;

/**
 * One small cluster for the end-to-end tests that need several instances: one Kafka node, two
 * message-service instances and two gateways, each service on a loopback address of its own.
 */
public final class SharedCluster {
  private static LocalStack cluster;

  private SharedCluster() {}

  public static synchronized LocalStack get() {
    if (cluster == null) {
      LocalStack.Settings settings =
          LocalStack.Settings.throwaway(
                  Path.of(System.getProperty("im.project.root", "..")).toAbsolutePath().normalize(),
                  LocalStack.Settings.QUICK_RECOVERY)
              .with(new LocalStack.Topology(1, 2, 2));
      cluster = LocalStack.start(settings, line -> System.out.println("[cluster] " + line));
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
    }
    return cluster;
  }
}
