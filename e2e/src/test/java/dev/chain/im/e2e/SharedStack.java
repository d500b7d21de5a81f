package dev.chain.im.e2e;

import dev.chain.im.client.ClientOptions;
import dev.chain.im.client.ImTransport;
import dev.chain.im.stack.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One running system for the whole end-to-end suite: embedded PostgreSQL and a Kafka process, and
 * both packaged services as processes, on free ports with data in a temporary folder. Tests that
 * stop a part start it again before they end. Both services trace, and export their spans to the
 * suite's {@link TraceReceiver}.
 */
public final class SharedStack {
  private static LocalStack stack;
  private static TraceReceiver traces;
  private static ImTransport transport;

  private SharedStack() {}

  public static synchronized LocalStack get() {
    if (stack == null) {
      traces = TraceReceiver.start();
      LocalStack.Settings settings =
          LocalStack.Settings.throwaway(
                  Path.of(System.getProperty("im.project.root", "..")).toAbsolutePath().normalize(),
                  LocalStack.Settings.QUICK_RECOVERY)
              .withServiceProperties(
                  Map.of(
                      "quarkus.otel.sdk.disabled", "false",
                      "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                      "quarkus.otel.exporter.otlp.traces.endpoint", traces.endpoint(),
                      "quarkus.otel.bsp.schedule.delay", "PT0.2S"));
      stack = LocalStack.start(settings, line -> System.out.println("[stack] " + line));
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    stack.close();
                    traces.close();
                  }));
    }
    return stack;
  }

  /** The spans the shared stack's services exported so far. */
  public static synchronized TraceReceiver traces() {
    get();
    return traces;
  }

  /** One client transport for the suite, pointed at the shared stack. */
  public static synchronized ImTransport transport() {
    if (transport == null) {
      LocalStack running = get();
      transport =
          ImTransport.create(
              ClientOptions.of(
                      running.messageService().baseUri().toString(), running.gatewayWebSocketUrl())
                  .withReconnect(Duration.ofMillis(100), Duration.ofSeconds(2))
                  .withPingInterval(Duration.ofSeconds(3)));
    }
    return transport;
  }
}
