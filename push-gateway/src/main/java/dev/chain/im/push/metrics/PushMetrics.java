package dev.chain.im.push.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The gateway's meters, at {@code /q/metrics} in Prometheus form. */
@Startup
@Singleton
public class PushMetrics {
  private final AtomicInteger openConnections = new AtomicInteger();
  private final Counter framesPushed;
  private final Counter closedSlow;
  private final Counter closedTokenExpired;
  private final Counter dropped;
  private final Counter closedMoved;
  private final Counter recordsPushed;
  private final Counter recordsOffline;
  private final Counter recordsInvalid;
  private final Counter signalFrames;
  private final Timer lag;

  public PushMetrics(MeterRegistry registry) {
    Gauge.builder("im.push.connections.open", openConnections, AtomicInteger::get)
        .description("Open WebSocket connections that receive pushes")
        .register(registry);
    framesPushed =
        Counter.builder("im.push.frames.pushed")
            .description("Entry frames written to WebSocket connections")
            .register(registry);
    closedSlow =
        Counter.builder("im.push.connections.closed.slow")
            .description("Connections closed because too many frames were pending (1013)")
            .register(registry);
    closedTokenExpired =
        Counter.builder("im.push.connections.closed.token.expired")
            .description("Connections closed because their token expired (1008)")
            .register(registry);
    dropped =
        Counter.builder("im.push.connections.dropped")
            .description(
                "Connections whose close handshake did not finish within im.push.close-timeout,"
                    + " so their TCP connection was dropped")
            .register(registry);
    closedMoved =
        Counter.builder("im.push.connections.closed.moved")
            .description(
                "Connections closed because another gateway serves their user (4001): the user's"
                    + " partition moved, or the connection came to the wrong gateway")
            .register(registry);
    recordsPushed = records(registry, "pushed");
    recordsOffline = records(registry, "offline");
    recordsInvalid = records(registry, "invalid");
    signalFrames =
        Counter.builder("im.push.signal.frames.pushed")
            .description("Ephemeral frames (typing, receipt) written to WebSocket connections")
            .register(registry);
    lag =
        Timer.builder("im.push.lag")
            .description(
                "From a record's Kafka timestamp to its frames being handed to the sockets")
            .serviceLevelObjectives(
                Duration.ofMillis(1),
                Duration.ofMillis(5),
                Duration.ofMillis(10),
                Duration.ofMillis(25),
                Duration.ofMillis(50),
                Duration.ofMillis(100),
                Duration.ofMillis(250),
                Duration.ofMillis(500),
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30))
            .register(registry);
  }

  private static Counter records(MeterRegistry registry, String outcome) {
    return Counter.builder("im.push.records")
        .description(
            "Kafka records consumed, by outcome: pushed, offline (no open connection), invalid")
        .tag("outcome", outcome)
        .register(registry);
  }

  public void connectionOpened() {
    openConnections.incrementAndGet();
  }

  public void connectionClosed() {
    openConnections.decrementAndGet();
  }

  public void closedSlow() {
    closedSlow.increment();
  }

  public void closedTokenExpired() {
    closedTokenExpired.increment();
  }

  public void closedMoved() {
    closedMoved.increment();
  }

  public void dropped() {
    dropped.increment();
  }

  public void pushed(int frames, long lagMillis) {
    framesPushed.increment(frames);
    recordsPushed.increment();
    lag.record(Math.max(0, lagMillis), TimeUnit.MILLISECONDS);
  }

  public void offline() {
    recordsOffline.increment();
  }

  public void signal(int frames) {
    signalFrames.increment(frames);
  }

  public void invalid() {
    recordsInvalid.increment();
  }
}
