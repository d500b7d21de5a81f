package dev.chain.im.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chain.im.testsupport.AsyncApiContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A real WebSocket client (the JDK's) that collects text frames. A socket opened without reading
 * takes nothing from the network until {@link #startReading}, like a device that stalls.
 */
final class TestSocket implements WebSocket.Listener {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(20);

  final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

  /** Frames that the AsyncAPI document does not describe: {@link #next} fails on the first. */
  private final List<AssertionError> offContract = new CopyOnWriteArrayList<>();

  /** Pings received from the gateway (the JDK answers each with a pong on its own). */
  final AtomicInteger pings = new AtomicInteger();

  /** Completes with the close code, or exceptionally when the connection broke. */
  final CompletableFuture<Integer> closed = new CompletableFuture<>();

  private final StringBuilder partial = new StringBuilder();
  private volatile boolean reading;
  private volatile String closeReason;
  WebSocket socket;

  private TestSocket(boolean reading) {
    this.reading = reading;
  }

  static TestSocket open(URI uri, Consumer<WebSocket.Builder> handshake) {
    return open(uri, handshake, true);
  }

  static TestSocket open(URI uri, Consumer<WebSocket.Builder> handshake, boolean reading) {
    TestSocket listener = new TestSocket(reading);
    WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(WAIT);
    handshake.accept(builder);
    try {
      listener.socket = builder.buildAsync(uri, listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        throw new Refused(refused.getResponse().statusCode());
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
    return listener;
  }

  /** The status of a handshake the server refused. */
  static final class Refused extends RuntimeException {
    final int status;

    Refused(int status) {
      super("upgrade refused with HTTP " + status);
      this.status = status;
    }
  }

  /** Status code of an upgrade that must be refused. */
  static int refusedStatus(URI uri, Consumer<WebSocket.Builder> handshake) {
    try {
      TestSocket socket = open(uri, handshake);
      socket.close();
    } catch (Refused refused) {
      return refused.status;
    }
    throw new AssertionError("the upgrade was accepted");
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    if (reading) {
      webSocket.request(1);
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String frame = partial.toString();
      partial.setLength(0);
      try {
        AsyncApiContract.checkFrame(frame);
      } catch (AssertionError e) {
        offContract.add(e);
      }
      frames.add(frame);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
    pings.incrementAndGet();
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeReason = reason;
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.completeExceptionally(error);
  }

  /** Lets a socket opened without reading take frames from now on. */
  void startReading() {
    reading = true;
    socket.request(1);
  }

  String closeReason() {
    return closeReason;
  }

  /** The next text frame; fails when none comes in time. */
  String next() {
    if (!offContract.isEmpty()) {
      throw offContract.get(0);
    }
    try {
      String frame = frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(frame).as("a frame within %s", WAIT).isNotNull();
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode nextJson() {
    try {
      return JSON.readTree(next());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
  }
}
