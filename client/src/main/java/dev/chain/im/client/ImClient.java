package dev.chain.im.client;

import java.util.concurrent.CompletableFuture;

/**
 * One user's client: {@link RestApi} for calls, a {@link ChainConnection} following the user chain.
 * Thousands can share one {@link ImTransport}; a client owns no thread.
 *
 * <pre>{@code
 * try (ImTransport transport = ImTransport.create(ClientOptions.local())) {
 *   ChainRecorder alice = new ChainRecorder();
 *   ImClient client = ImClient.connectDev(transport, "alice", alice).join(); // caught up
 *   client.api().createConversation("team-1", List.of("bob"), Access.OPEN, History.FULL).join();
 *   long seq = client.api().sendText("team-1", "c-1", "hi").join().message().seq();
 *   client.awaitSeq(client.lastSeq() + 1).orTimeout(5, SECONDS).join();
 *   client.close();
 * }
 * }</pre>
 */
public final class ImClient implements AutoCloseable {
  private final RestApi api;
  private final ChainConnection connection;

  private ImClient(RestApi api, ChainConnection connection) {
    this.api = api;
    this.connection = connection;
  }

  /**
   * Connects as the user of {@code token}, from the start of the chain. Completes once the
   * WebSocket is open and the chain has been pulled to its head.
   *
   * @param listener receives entries, resets and state changes; {@link ChainListener#NONE} for none
   */
  public static CompletableFuture<ImClient> connect(
      ImTransport transport, String token, ChainListener listener) {
    return connect(transport, token, null, 0, listener);
  }

  /**
   * Connects as the user of {@code token}, resuming after {@code lastSeq} of the chain with {@code
   * epoch} (both as a previous session left them).
   */
  public static CompletableFuture<ImClient> connect(
      ImTransport transport, String token, String epoch, long lastSeq, ChainListener listener) {
    return create(transport, token, epoch, lastSeq, listener).start();
  }

  /**
   * Gets a dev token for {@code userId} ({@code POST /v1/dev/tokens}), then connects. As with
   * {@link #start()}, failing the returned future (a timeout, say) closes the client.
   */
  public static CompletableFuture<ImClient> connectDev(
      ImTransport transport, String userId, ChainListener listener) {
    CompletableFuture<ImClient> result = new CompletableFuture<>();
    transport
        .devToken(userId)
        .whenComplete(
            (token, error) -> {
              if (error != null) {
                result.completeExceptionally(error);
                return;
              }
              ImClient client = create(transport, token, null, 0, listener);
              result.whenComplete(
                  (connected, failure) -> {
                    if (failure != null) {
                      client.close();
                    }
                  });
              client
                  .start()
                  .whenComplete(
                      (connected, failure) -> {
                        if (failure != null) {
                          result.completeExceptionally(failure);
                        } else {
                          result.complete(connected);
                        }
                      });
            });
    return result;
  }

  /**
   * A client that has not connected yet: {@link #start()} connects it. For callers that want the
   * client (to close it, say) before the connection is made.
   */
  public static ImClient create(
      ImTransport transport, String token, String epoch, long lastSeq, ChainListener listener) {
    RestApi api = transport.api(token);
    ChainFollower follower = new ChainFollower(epoch, lastSeq, listener);
    return new ImClient(api, new ChainConnection(transport, api, follower, listener));
  }

  /**
   * Connects; see {@link ChainConnection#start()}. If the returned future fails — including by the
   * caller's {@code orTimeout} or {@code cancel} — the client is closed, so that an abandoned
   * client does not go on reconnecting.
   */
  public CompletableFuture<ImClient> start() {
    CompletableFuture<ImClient> result = connection.start().thenApply(connected -> this);
    result.whenComplete(
        (client, error) -> {
          if (error != null) {
            close();
          }
        });
    return result;
  }

  /** The REST calls, as this user. */
  public RestApi api() {
    return api;
  }

  /** The user id (the token's subject), or {@code null} if the token is not a JWT. */
  public String userId() {
    return api.userId();
  }

  public ChainConnection connection() {
    return connection;
  }

  public ConnectionState state() {
    return connection.state();
  }

  /** The epoch followed, or {@code null} before the first push or pull. */
  public String epoch() {
    return connection.follower().epoch();
  }

  /** The last seq handed to the listener. */
  public long lastSeq() {
    return connection.follower().lastSeq();
  }

  public ChainFollower.Stats stats() {
    return connection.follower().stats();
  }

  /** Completes once {@link #lastSeq()} is at least {@code seq}; see {@link ChainConnection}. */
  public CompletableFuture<Long> awaitSeq(long seq) {
    return connection.awaitSeq(seq);
  }

  @Override
  public void close() {
    connection.close();
  }
}
