package dev.chain.im.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What any number of clients in one JVM share: one {@link HttpClient} (its connection pool, its
 * selector thread and a small fixed set of I/O threads), one JSON mapper and the options. A client
 * itself owns no thread: its WebSocket callbacks, HTTP completions and back-off timers all run on
 * these.
 *
 * <p>Create one per JVM (or per test class), build {@link RestApi}s and {@link ImClient}s from it,
 * and {@link #close()} it at the end.
 */
public final class ImTransport implements AutoCloseable {
  private final ClientOptions options;
  private final HttpClient http;
  private final ObjectMapper mapper;
  private final Executor executor;
  private final ExecutorService ownedExecutor;

  private ImTransport(
      ClientOptions options, HttpClient http, Executor executor, ExecutorService owned) {
    this.options = Objects.requireNonNull(options, "options");
    this.http = http;
    this.executor = executor;
    this.ownedExecutor = owned;
    this.mapper = newMapper();
  }

  /**
   * A transport with its own HTTP client: HTTP/1.1 (WebSocket needs it, and it avoids h2c upgrade
   * attempts), {@link ClientOptions#ioThreads()} daemon threads.
   */
  public static ImTransport create(ClientOptions options) {
    ExecutorService executor =
        Executors.newFixedThreadPool(options.ioThreads(), daemonThreads("im-client-"));
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(options.connectTimeout())
            .executor(executor)
            .build();
    return new ImTransport(options, http, executor, executor);
  }

  /**
   * A transport over an HTTP client the caller owns. Callbacks run on that client's executor (or
   * the common pool when it has none); {@link #close()} leaves the client alone.
   */
  public static ImTransport create(ClientOptions options, HttpClient http) {
    Executor executor = http.executor().orElse(ForkJoinPool.commonPool());
    return new ImTransport(options, http, executor, null);
  }

  /** The JSON mapper the client uses: unknown fields ignored, java.time supported. */
  public static ObjectMapper newMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
        .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  }

  public ClientOptions options() {
    return options;
  }

  public HttpClient http() {
    return http;
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  /** Where the clients' own continuations and timers run. */
  public Executor executor() {
    return executor;
  }

  /** REST calls as the user of {@code token}. */
  public RestApi api(String token) {
    return new RestApi(this, Objects.requireNonNull(token, "token"));
  }

  /** REST calls without a token: {@link RestApi#devToken} and checks of 401 answers. */
  public RestApi anonymous() {
    return new RestApi(this, null);
  }

  /** {@code POST /v1/dev/tokens}: a token for any user, where the server allows it. */
  public CompletableFuture<String> devToken(String userId) {
    return anonymous().devToken(userId);
  }

  /** Stops the I/O threads this transport created. Clients using it must be closed first. */
  @Override
  public void close() {
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
