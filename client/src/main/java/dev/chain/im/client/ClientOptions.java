package dev.chain.im.client;

import java.net.URI;
import java.time.Duration;

/**
 * Where the services are and how clients behave. Immutable; change one setting with the {@code
 * with…} methods.
 *
 * @param httpBase message-service's base address, e.g. {@code http://localhost:8080} (calls go to
 *     {@code /v1/…} under it)
 * @param webSocket push-gateway's WebSocket address, e.g. {@code ws://localhost:8081/v1/ws}, used
 *     when {@code GET /v1/route} gives no answer (before each connection, the client asks it which
 *     gateway serves the user)
 * @param syncPageSize entries per {@code /v1/sync} page (the server allows 1 to 500 by default)
 * @param requestTimeout the longest a REST call may take
 * @param connectTimeout the longest a WebSocket handshake may take
 * @param reconnectBase the first reconnect's back-off ceiling; it doubles per failed attempt
 * @param reconnectMax the back-off ceiling's ceiling; also used between failed pulls
 * @param ioThreads threads of the shared HTTP client that {@link ImTransport#create} builds; all
 *     callbacks run on them
 * @param pingInterval how often a connection pings the gateway; a connection that has heard nothing
 *     (no pong, no frame) since the previous ping is taken as dead and replaced. Zero turns pings
 *     off. Without them a peer that vanishes is noticed only by TCP, and the JDK's WebSocket can
 *     miss an end-of-stream that arrives while a frame is being handled.
 */
public record ClientOptions(
    URI httpBase,
    URI webSocket,
    int syncPageSize,
    Duration requestTimeout,
    Duration connectTimeout,
    Duration reconnectBase,
    Duration reconnectMax,
    int ioThreads,
    Duration pingInterval) {

  public ClientOptions {
    if (httpBase == null || webSocket == null) {
      throw new IllegalArgumentException("httpBase and webSocket are required");
    }
    if (syncPageSize < 1) {
      throw new IllegalArgumentException("syncPageSize must be 1 or more, got " + syncPageSize);
    }
    if (ioThreads < 1) {
      throw new IllegalArgumentException("ioThreads must be 1 or more, got " + ioThreads);
    }
    new Backoff(reconnectBase, reconnectMax); // validates both
    requirePositive("requestTimeout", requestTimeout);
    requirePositive("connectTimeout", connectTimeout);
    if (pingInterval == null || pingInterval.isNegative()) {
      throw new IllegalArgumentException("pingInterval must be 0 or more, got " + pingInterval);
    }
  }

  /**
   * message-service at {@code http://localhost:8080}, push-gateway at {@code ws://localhost:8081}.
   */
  public static ClientOptions local() {
    return of("http://localhost:8080", "ws://localhost:8081/v1/ws");
  }

  /**
   * The given addresses with defaults: pages of 200, 10 s per call, 10 s per handshake, reconnect
   * back-off from 0.2 s up to 10 s, two I/O threads or one per core, a ping every 15 s.
   */
  public static ClientOptions of(String httpBase, String webSocket) {
    return new ClientOptions(
        URI.create(httpBase),
        URI.create(webSocket),
        200,
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        Duration.ofMillis(200),
        Duration.ofSeconds(10),
        Math.max(2, Runtime.getRuntime().availableProcessors()),
        Duration.ofSeconds(15));
  }

  public ClientOptions withSyncPageSize(int size) {
    return new ClientOptions(
        httpBase,
        webSocket,
        size,
        requestTimeout,
        connectTimeout,
        reconnectBase,
        reconnectMax,
        ioThreads,
        pingInterval);
  }

  public ClientOptions withTimeouts(Duration request, Duration connect) {
    return new ClientOptions(
        httpBase,
        webSocket,
        syncPageSize,
        request,
        connect,
        reconnectBase,
        reconnectMax,
        ioThreads,
        pingInterval);
  }

  public ClientOptions withReconnect(Duration base, Duration max) {
    return new ClientOptions(
        httpBase,
        webSocket,
        syncPageSize,
        requestTimeout,
        connectTimeout,
        base,
        max,
        ioThreads,
        pingInterval);
  }

  public ClientOptions withIoThreads(int threads) {
    return new ClientOptions(
        httpBase,
        webSocket,
        syncPageSize,
        requestTimeout,
        connectTimeout,
        reconnectBase,
        reconnectMax,
        threads,
        pingInterval);
  }

  /** Pings every {@code interval}; {@link Duration#ZERO} for none. */
  public ClientOptions withPingInterval(Duration interval) {
    return new ClientOptions(
        httpBase,
        webSocket,
        syncPageSize,
        requestTimeout,
        connectTimeout,
        reconnectBase,
        reconnectMax,
        ioThreads,
        interval);
  }

  /** The reconnect back-off. */
  public Backoff backoff() {
    return new Backoff(reconnectBase, reconnectMax);
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
