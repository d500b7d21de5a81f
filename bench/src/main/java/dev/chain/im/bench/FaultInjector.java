package dev.chain.im.bench;

import dev.chain.im.stack.KafkaProcess;
import dev.chain.im.stack.LocalStack;
import dev.chain.im.stack.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Breaks a stack the benchmark started while the load runs, at fixed fractions of the load. One of
 * each part: Kafka stopped for 5 s, the push-gateway restarted, PostgreSQL stopped for 3 s,
 * message-service killed with SIGKILL and started. A cluster: one gateway killed for good (its
 * users move to the others), one broker killed with SIGKILL and started again, one message-service
 * instance restarted. Each fault is logged with when it struck and how long until it was back.
 */
final class FaultInjector {
  private final Target target;
  private final long loadStartNanos;
  private final long loadNanos;
  private final Consumer<String> log;
  private final List<Map<String, Object>> events = new ArrayList<>();
  private final Thread thread;

  /** The gateway killed for good in a cluster, and what it had consumed just before. */
  record GatewayDeath(String url, long atNanos, double recordsConsumed) {}

  private volatile GatewayDeath gatewayDeath;

  private FaultInjector(Target target, long loadStartNanos, long loadNanos, Consumer<String> log) {
    this.target = target;
    this.loadStartNanos = loadStartNanos;
    this.loadNanos = loadNanos;
    this.log = log;
    this.thread = new Thread(this::injectAll, "bench-faults");
    thread.setDaemon(true);
  }

  /** Starts injecting into a load that started at {@code loadStartNanos} and lasts loadNanos. */
  static FaultInjector start(
      Target target, long loadStartNanos, long loadNanos, Consumer<String> log) {
    if (!target.local()) {
      throw new IllegalStateException("faults need a stack started by the benchmark");
    }
    FaultInjector injector = new FaultInjector(target, loadStartNanos, loadNanos, log);
    injector.thread.start();
    return injector;
  }

  void await(Duration timeout) throws InterruptedException {
    thread.join(timeout.toMillis());
  }

  /** What was injected so far, in order: a live view. */
  List<Map<String, Object>> events() {
    return Collections.unmodifiableList(events);
  }

  /** The gateway a cluster run killed, if it did. */
  Optional<GatewayDeath> gatewayDeath() {
    return Optional.ofNullable(gatewayDeath);
  }

  private void injectAll() {
    try {
      if (target.stack.pushGateways().size() > 1) {
        injectIntoCluster();
        return;
      }
      inject(
          loadNanos * 15 / 100,
          "kafka stopped for 5 s",
          () -> {
            target.stack.kafka().stop();
            sleep(5000);
            target.stack.kafka().restart();
          });
      inject(
          loadNanos * 40 / 100,
          "push-gateway stopped (SIGTERM) and started",
          () -> {
            target.stack.pushGateway().stop();
            sleep(1000);
            target.stack.pushGateway().start();
            target.stack.pushGateway().awaitReady(Duration.ofSeconds(60));
          });
      inject(
          loadNanos * 55 / 100,
          "PostgreSQL stopped for 3 s",
          () -> {
            target.stack.postgres().stop();
            sleep(3000);
            target.stack.postgres().restart();
          });
      inject(
          loadNanos * 75 / 100,
          "message-service killed (SIGKILL) and started",
          () -> {
            target.stack.messageService().kill();
            sleep(1000);
            target.stack.messageService().start();
            target.stack.messageService().awaitReady(Duration.ofSeconds(60));
          });
    } catch (RuntimeException e) {
      log.accept("fault injection failed: " + e);
      record(Map.of("error", e.toString()));
    }
  }

  /**
   * The gateway dies first: its users need a session timeout and a reconnection to move, which must
   * happen under load; a broker's start can take long on a busy machine, and every fault after it
   * waits for it.
   */
  private void injectIntoCluster() {
    KafkaProcess broker = target.stack.kafka().nodes().get(target.stack.kafka().nodes().size() - 1);
    List<ServiceProcess> gateways = target.stack.pushGateways();
    ServiceProcess gateway = gateways.get(gateways.size() - 1);
    String url = LocalStack.webSocketUrl(gateway);
    inject(
        loadNanos * 20 / 100,
        gateway.name() + " killed (SIGKILL) for good: its users move",
        () -> {
          double consumed = target.gateways.get(url).scrape().sum("im_push_records_total");
          gatewayDeath = new GatewayDeath(url, System.nanoTime(), consumed);
          gateway.kill();
        });
    inject(loadNanos * 50 / 100, "a Kafka broker killed (SIGKILL)", broker::kill);
    inject(loadNanos * 65 / 100, "the killed broker started again", broker::start);
    ServiceProcess instance = target.stack.messageServices().get(1);
    inject(
        loadNanos * 80 / 100,
        instance.name() + " restarted (SIGTERM, then started)",
        () -> {
          instance.stop();
          instance.start();
          instance.awaitReady(Duration.ofSeconds(120));
        });
  }

  private void inject(long atNanos, String what, Runnable action) {
    long wait = loadStartNanos + atNanos - System.nanoTime();
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
    long began = System.nanoTime();
    log.accept("FAULT: " + what);
    action.run();
    double backAfterSeconds = Rounding.hundredths((System.nanoTime() - began) / 1e9);
    log.accept("FAULT: " + what + " — back after " + backAfterSeconds + " s");
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("atSeconds", Rounding.hundredths((began - loadStartNanos) / 1e9));
    event.put("fault", what);
    event.put("backAfterSeconds", backAfterSeconds);
    record(event);
  }

  private void record(Map<String, Object> event) {
    synchronized (events) {
      events.add(event);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
