package dev.chain.im.bench;

import dev.chain.im.client.ImTransport;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Idle WebSocket connections to the gateway, each as its own user with a dev token, opened as the
 * chat page opens them (the token in the query, {@code permessage-deflate} offered) from Vert.x
 * clients bound to several loopback source addresses (127.0.0.1, .2, …, 25,000 connections each) so
 * that the ephemeral ports of one address are not the limit.
 */
final class IdleConnections implements AutoCloseable {
  private static final int PER_SOURCE_ADDRESS = 25_000;

  private final Target target;
  private final Consumer<String> log;
  private final Vertx vertx = Vertx.vertx();
  private final List<HttpClient> clients = new ArrayList<>();
  private final List<WebSocket> sockets = new ArrayList<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger closed = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  IdleConnections(Target target, Consumer<String> log) {
    this.target = target;
    this.log = log;
  }

  /** Opens {@code count} connections (users {@code prefix-i}); returns how many opened. */
  int open(ImTransport transport, String prefix, int count) {
    URI ws = URI.create(target.webSocket);
    int sources = (count + PER_SOURCE_ADDRESS - 1) / PER_SOURCE_ADDRESS;
    for (int s = 0; s < sources; s++) {
      clients.add(
          vertx.createHttpClient(
              new HttpClientOptions()
                  .setLocalAddress("127.0.0." + (s + 1))
                  .setMaxWebSockets(PER_SOURCE_ADDRESS + 10)
                  .setConnectTimeout(30_000)
                  .setTryUsePerMessageWebSocketCompression(true)));
    }
    Semaphore permits = new Semaphore(128);
    List<CompletableFuture<?>> all = new ArrayList<>();
    long began = System.nanoTime();
    for (int i = 0; i < count; i++) {
      permits.acquireUninterruptibly();
      HttpClient client = clients.get(i / PER_SOURCE_ADDRESS);
      String user = prefix + "-idle" + i;
      CompletableFuture<?> one =
          transport
              .devToken(user)
              .thenCompose(
                  token ->
                      client
                          .webSocket(
                              new WebSocketConnectOptions()
                                  .setHost(ws.getHost())
                                  .setPort(ws.getPort())
                                  .setURI(
                                      ws.getRawPath()
                                          + "?access_token="
                                          + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                          .toCompletionStage())
              .thenAccept(
                  socket -> {
                    open.incrementAndGet();
                    socket.closeHandler(
                        v -> {
                          open.decrementAndGet();
                          closed.incrementAndGet();
                        });
                    socket.handler(buffer -> {});
                    synchronized (sockets) {
                      sockets.add(socket);
                    }
                  })
              .whenComplete(
                  (v, e) -> {
                    permits.release();
                    if (e != null && failed.incrementAndGet() <= 3) {
                      log.accept("idle connection failed: " + e);
                    }
                  })
              .toCompletableFuture();
      all.add(one);
      if ((i + 1) % 2000 == 0) {
        log.accept(
            String.format(
                "idle connections: %d opened (%.0f s)",
                open.get(), (System.nanoTime() - began) / 1e9));
      }
    }
    try {
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
          .orTimeout(10, TimeUnit.MINUTES)
          .exceptionally(e -> null)
          .join();
    } catch (RuntimeException e) {
      // counted in failed
    }
    log.accept("idle connections: " + open.get() + " open, " + failed.get() + " failed");
    return open.get();
  }

  int openNow() {
    return open.get();
  }

  int closedByServer() {
    return closed.get();
  }

  /** The gateway's memory after a forced GC (when it is local) and its open connections gauge. */
  Map<String, Object> measureGateway() {
    Map<String, Object> out = new LinkedHashMap<>();
    boolean gc = target.pushGateway.forceGc();
    out.put("forcedGc", gc);
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.putAll(target.pushGateway.memory());
    out.put("connectionsOpen", target.pushGateway.scrape().sum("im_push_connections_open"));
    return out;
  }

  @Override
  public void close() {
    synchronized (sockets) {
      for (WebSocket socket : sockets) {
        socket.close();
      }
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway
    }
  }
}
