package dev.chain.im.client;

import dev.chain.im.protocol.chain.SyncPage;
import dev.chain.im.protocol.push.EntryFrame;
import dev.chain.im.protocol.push.HelloFrame;
import dev.chain.im.protocol.push.PresenceFrame;
import dev.chain.im.protocol.push.PushFrame;
import dev.chain.im.protocol.push.ReceiptFrame;
import dev.chain.im.protocol.push.Route;
import dev.chain.im.protocol.push.TypingFrame;
import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Follows one user's chain over the network: the WebSocket for pushes, {@code /v1/sync} for pulls,
 * a {@link ChainFollower} for the rule.
 *
 * <ol>
 *   <li>Ask {@code GET /v1/route} which gateway serves the user (without an answer, use {@link
 *       ClientOptions#webSocket()}), and open the WebSocket there (with {@code Authorization:
 *       Bearer}); frames go to the follower as they arrive, each read before the next is requested.
 *   <li>Then pull {@code /v1/sync?after=lastSeq} until the page says {@code hasMore: false} and the
 *       follower knows of nothing beyond {@code lastSeq}: the connection is {@link
 *       ConnectionState#CONNECTED}.
 *   <li>Whenever the follower reports a gap, pull. One pull is in flight at a time; requests made
 *       meanwhile are folded into it (when it ends, the follower is asked again whether it still
 *       needs one). A pull that fails, or brings nothing while more is known to exist, is retried
 *       after a back-off.
 *   <li>When the WebSocket closes or fails, reconnect after an exponential back-off with full
 *       jitter (asking the route again: after a 4001 the user is served by another gateway), and
 *       pull again once it is open. The attempt count resets once a connection has caught up.
 *   <li>Ping every {@link ClientOptions#pingInterval()}; a socket that has heard nothing since the
 *       previous ping is aborted and replaced as above.
 * </ol>
 *
 * <p>The first connection's handshake or pull failing with a 4xx (other than 408 and 429) — a bad
 * token, a wrong address — fails {@link #start()} and closes the connection: retrying cannot help.
 * Any other failure, and every failure after the first catch-up, is retried.
 *
 * <p>A connection owns no thread: everything runs on the {@link ImTransport}'s threads.
 */
public final class ChainConnection implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ChainConnection.class.getName());

  private final ImTransport transport;
  private final RestApi api;
  private final ChainFollower follower;
  private final ChainListener listener;
  private final Backoff backoff;
  private final CompletableFuture<ChainConnection> started = new CompletableFuture<>();

  private final Object lock = new Object();
  // Guarded by lock.
  private boolean startCalled;
  private boolean closed;
  private long generation;
  private Socket socket;
  private WebSocket webSocket;
  private long openGeneration;
  private long syncedGeneration;
  private int reconnectAttempts;
  private boolean pulling;
  private boolean pullRetryArmed;
  private long pullTicket;
  private int pullFailures;
  private final List<Waiter> waiters = new ArrayList<>(0);
  private final ArrayDeque<StateChange> stateChanges = new ArrayDeque<>(2);
  private boolean deliveringStates;
  private volatile ConnectionState state = ConnectionState.CONNECTING;
  private volatile String helloUserId;

  private record Waiter(long seq, CompletableFuture<Long> future) {}

  private record StateChange(ConnectionState state, Throwable cause) {}

  /**
   * A connection that has not started yet.
   *
   * @param follower the rule's state; its listener should be {@code listener} (or forward to it)
   * @param listener hears state changes
   */
  public ChainConnection(
      ImTransport transport, RestApi api, ChainFollower follower, ChainListener listener) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.api = Objects.requireNonNull(api, "api");
    this.follower = Objects.requireNonNull(follower, "follower");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.backoff = transport.options().backoff();
    if (api.token() == null) {
      throw new IllegalArgumentException("A chain connection needs a token");
    }
  }

  /**
   * Connects, then pulls until caught up. The future completes with this connection the first time
   * it reaches {@link ConnectionState#CONNECTED}, or fails as described in the class comment.
   * Calling it again returns the same future.
   */
  public CompletableFuture<ChainConnection> start() {
    synchronized (lock) {
      if (startCalled || closed) {
        return started;
      }
      startCalled = true;
    }
    connect();
    return started;
  }

  public ChainFollower follower() {
    return follower;
  }

  public ConnectionState state() {
    return state;
  }

  /** The user id the gateway named in its {@code hello} frame, once received. */
  public String helloUserId() {
    return helloUserId;
  }

  /**
   * Completes with {@link ChainFollower#lastSeq()} once it is at least {@code seq}; fails if the
   * connection closes first. Add a timeout with {@link CompletableFuture#orTimeout}.
   */
  public CompletableFuture<Long> awaitSeq(long seq) {
    long last = follower.lastSeq();
    if (last >= seq) {
      return CompletableFuture.completedFuture(last);
    }
    CompletableFuture<Long> future = new CompletableFuture<>();
    synchronized (lock) {
      if (closed) {
        future.completeExceptionally(new IllegalStateException("Connection closed"));
        return future;
      }
      waiters.add(new Waiter(seq, future));
    }
    completeWaiters(); // in case the seq arrived while the waiter was being added
    return future;
  }

  /**
   * Closes the WebSocket and stops reconnecting and pulling. Pending {@link #awaitSeq} and {@link
   * #start()} futures fail. Idempotent.
   */
  @Override
  public void close() {
    WebSocket open;
    List<Waiter> pending;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      open = webSocket;
      webSocket = null;
      socket = null;
      pending = new ArrayList<>(waiters);
      waiters.clear();
      enqueue(ConnectionState.CLOSED, null);
    }
    if (open != null) {
      open.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((ws, error) -> open.abort());
    }
    deliverStateChanges();
    IllegalStateException closedError = new IllegalStateException("Connection closed");
    started.completeExceptionally(closedError);
    for (Waiter waiter : pending) {
      waiter.future().completeExceptionally(closedError);
    }
  }

  // ---------------------------------------------------------------- WebSocket

  private void connect() {
    Socket attempt;
    synchronized (lock) {
      if (closed) {
        return;
      }
      attempt = new Socket(++generation);
      socket = attempt;
      enqueue(ConnectionState.CONNECTING, null);
    }
    deliverStateChanges();
    gatewayOf(attempt).thenAccept(gateway -> open(attempt, gateway));
  }

  /** The gateway that serves the user, or the configured one when the route has no answer. */
  private CompletableFuture<URI> gatewayOf(Socket attempt) {
    CompletableFuture<Route> route;
    try {
      route = api.route();
    } catch (RuntimeException e) {
      route = CompletableFuture.failedFuture(e);
    }
    return route.handle(
        (answer, error) -> {
          if (error != null) {
            LOG.log(
                System.Logger.Level.DEBUG,
                "No route ({0}); connecting to {1}",
                RestApi.unwrap(error).toString(),
                transport.options().webSocket());
            return transport.options().webSocket();
          }
          return URI.create(answer.url());
        });
  }

  private void open(Socket attempt, URI gateway) {
    synchronized (lock) {
      if (closed || attempt != socket) {
        return;
      }
    }
    try {
      transport
          .http()
          .newWebSocketBuilder()
          .header("Authorization", "Bearer " + api.token())
          .connectTimeout(transport.options().connectTimeout())
          .buildAsync(gateway, attempt)
          .whenComplete(
              (ws, error) -> {
                if (error != null) {
                  onSocketGone(attempt, error);
                }
              });
    } catch (RuntimeException e) {
      onSocketGone(attempt, e);
    }
  }

  private void onOpen(Socket opened, WebSocket ws) {
    synchronized (lock) {
      if (closed || opened != socket) {
        ws.abort();
        return;
      }
      webSocket = ws;
      openGeneration = opened.generation;
      enqueue(ConnectionState.SYNCING, null);
    }
    deliverStateChanges();
    scheduleHeartbeat(opened);
    requestPull(true);
  }

  private void scheduleHeartbeat(Socket target) {
    Duration interval = transport.options().pingInterval();
    if (!interval.isZero()) {
      CompletableFuture.delayedExecutor(
              interval.toNanos(), TimeUnit.NANOSECONDS, transport.executor())
          .execute(() -> heartbeat(target));
    }
  }

  /** Pings, or gives up on a socket that has been silent since the previous ping. */
  private void heartbeat(Socket target) {
    WebSocket ws;
    synchronized (lock) {
      if (closed || target != socket || webSocket == null) {
        return;
      }
      ws = webSocket;
    }
    if (target.awaitingPong) {
      ws.abort();
      onSocketGone(
          target,
          new IOException("No answer to a ping within " + transport.options().pingInterval()));
      return;
    }
    target.awaitingPong = true;
    try {
      ws.sendPing(ByteBuffer.allocate(0))
          .whenComplete(
              (sent, error) -> {
                if (error != null) {
                  ws.abort();
                  onSocketGone(target, error);
                }
              });
    } catch (RuntimeException e) {
      ws.abort();
      onSocketGone(target, e);
      return;
    }
    scheduleHeartbeat(target);
  }

  private void onFrame(String text, long receivedAtNanos) {
    PushFrame frame;
    try {
      frame = transport.mapper().readValue(text, PushFrame.class);
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "Ignoring an unreadable frame: {0}", text);
      return;
    }
    if (frame instanceof HelloFrame hello) {
      helloUserId = hello.userId();
      return;
    }
    if (frame instanceof TypingFrame
        || frame instanceof ReceiptFrame
        || frame instanceof PresenceFrame) {
      try {
        listener.onSignal(frame);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "Signal listener failed", e);
      }
      return;
    }
    if (!(frame instanceof EntryFrame entry)) {
      return; // a frame type added later
    }
    try {
      follower.onPushed(new PushedFrame(entry, receivedAtNanos, Instant.now()));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Handling a pushed entry failed", e);
    }
    completeWaiters();
    if (follower.needsPull()) {
      requestPull(false);
    }
  }

  private void onSocketGone(Socket gone, Throwable error) {
    Duration delay;
    boolean fatal = false;
    Throwable cause = RestApi.unwrap(error);
    synchronized (lock) {
      if (gone != socket) {
        return;
      }
      socket = null;
      webSocket = null;
      if (closed) {
        return;
      }
      if (!started.isDone() && isPermanent(cause)) {
        fatal = true;
        delay = null;
      } else {
        delay = backoff.delay(reconnectAttempts++);
        enqueue(ConnectionState.RECONNECTING, cause);
      }
    }
    if (fatal) {
      failAndClose(cause);
      return;
    }
    deliverStateChanges();
    CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, transport.executor())
        .execute(this::connect);
  }

  // ---------------------------------------------------------------- pulls

  /**
   * Starts a pull unless one is in flight. {@code fresh}: the WebSocket just opened, so a pull that
   * is only waiting out a back-off starts now.
   */
  private void requestPull(boolean fresh) {
    long ticket;
    long generation;
    synchronized (lock) {
      if (closed || (pulling && !(fresh && pullRetryArmed))) {
        return;
      }
      pulling = true;
      pullRetryArmed = false;
      ticket = ++pullTicket;
      generation = openGeneration;
    }
    pull(ticket, generation);
  }

  private void pull(long ticket, long generation) {
    long after = follower.lastSeq();
    String epoch = follower.epoch();
    CompletableFuture<SyncPage> page;
    try {
      page = api.sync(after, transport.options().syncPageSize());
    } catch (RuntimeException e) {
      page = CompletableFuture.failedFuture(e);
    }
    page.whenComplete((p, error) -> onPulled(ticket, generation, after, epoch, p, error));
  }

  private void onPulled(
      long ticket, long generation, long after, String epoch, SyncPage page, Throwable error) {
    Throwable cause = error == null ? null : RestApi.unwrap(error);
    if (page != null) {
      try {
        follower.onPulled(page, System.nanoTime(), Instant.now());
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "Handling a pulled page failed", e);
      }
      completeWaiters();
    }
    boolean progress =
        page != null && (follower.lastSeq() != after || !Objects.equals(epoch, follower.epoch()));
    boolean fatal = false;
    boolean caughtUp = false;
    boolean again = false;
    Duration retryIn = null;
    long nextTicket = 0;
    long nextGeneration = 0;
    synchronized (lock) {
      if (closed || ticket != pullTicket) {
        return;
      }
      boolean reopened = webSocket != null && generation != openGeneration;
      if (cause != null) {
        fatal = !started.isDone() && isPermanent(cause);
        if (!fatal) {
          LOG.log(System.Logger.Level.DEBUG, "Pull failed, retrying: {0}", cause.toString());
          retryIn = backoff.delay(pullFailures++);
        }
      } else if (page.hasMore() || follower.needsPull() || reopened) {
        if (progress || reopened) {
          pullFailures = 0;
          again = true;
        } else {
          retryIn = backoff.delay(pullFailures++);
        }
      } else {
        pulling = false;
        pullFailures = 0;
        if (webSocket != null && generation == openGeneration && syncedGeneration != generation) {
          syncedGeneration = generation;
          reconnectAttempts = 0;
          caughtUp = true;
          enqueue(ConnectionState.CONNECTED, null);
        }
      }
      if (again || retryIn != null) {
        nextTicket = ++pullTicket;
        nextGeneration = openGeneration;
        pullRetryArmed = retryIn != null;
      }
    }
    if (fatal) {
      failAndClose(cause);
      return;
    }
    deliverStateChanges();
    if (caughtUp) {
      started.complete(this);
    }
    if (again) {
      pull(nextTicket, nextGeneration);
    } else if (retryIn != null) {
      long armed = nextTicket;
      CompletableFuture.delayedExecutor(
              retryIn.toNanos(), TimeUnit.NANOSECONDS, transport.executor())
          .execute(() -> retryPull(armed));
    }
  }

  private void retryPull(long ticket) {
    long generation;
    synchronized (lock) {
      if (closed || !pullRetryArmed || ticket != pullTicket) {
        return;
      }
      pullRetryArmed = false;
      generation = openGeneration;
    }
    pull(ticket, generation);
  }

  // ---------------------------------------------------------------- helpers

  private void failAndClose(Throwable cause) {
    WebSocket open;
    synchronized (lock) {
      if (closed) {
        started.completeExceptionally(cause);
        return;
      }
      closed = true;
      open = webSocket;
      webSocket = null;
      socket = null;
      for (Waiter waiter : waiters) {
        waiter.future().completeExceptionally(cause);
      }
      waiters.clear();
      enqueue(ConnectionState.CLOSED, cause);
    }
    if (open != null) {
      open.abort();
    }
    deliverStateChanges();
    started.completeExceptionally(cause);
  }

  /** A 4xx other than 408 and 429: the request itself is wrong, and will stay wrong. */
  private static boolean isPermanent(Throwable cause) {
    int status;
    if (cause instanceof ApiException) {
      status = ((ApiException) cause).status();
    } else if (cause instanceof WebSocketHandshakeException) {
      status = ((WebSocketHandshakeException) cause).getResponse().statusCode();
    } else {
      return false;
    }
    return status >= 400 && status < 500 && status != 408 && status != 429;
  }

  private void completeWaiters() {
    List<Waiter> done = null;
    long last = follower.lastSeq();
    synchronized (lock) {
      if (waiters.isEmpty()) {
        return;
      }
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter waiter = it.next();
        if (waiter.seq() <= last) {
          it.remove();
          if (done == null) {
            done = new ArrayList<>();
          }
          done.add(waiter);
        }
      }
    }
    if (done != null) {
      for (Waiter waiter : done) {
        waiter.future().complete(last);
      }
    }
  }

  /** Records a state change; called under the lock, delivered by {@link #deliverStateChanges}. */
  private void enqueue(ConnectionState next, Throwable cause) {
    state = next;
    stateChanges.add(new StateChange(next, cause));
  }

  /**
   * Hands queued state changes to the listener, in order, outside the lock; one thread at a time
   * (whoever finds the queue idle drains it, including changes queued meanwhile by others).
   */
  private void deliverStateChanges() {
    while (true) {
      StateChange change;
      synchronized (lock) {
        if (deliveringStates || stateChanges.isEmpty()) {
          return;
        }
        deliveringStates = true;
        change = stateChanges.poll();
      }
      try {
        listener.onStateChange(change.state(), change.cause());
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "State listener failed", e);
      } finally {
        synchronized (lock) {
          deliveringStates = false;
        }
      }
    }
  }

  /** One WebSocket attempt's listener; callbacks from stale attempts are ignored. */
  private final class Socket implements WebSocket.Listener {
    private final long generation;
    private StringBuilder partial;
    private volatile boolean awaitingPong;

    Socket(long generation) {
      this.generation = generation;
    }

    @Override
    public void onOpen(WebSocket ws) {
      ws.request(1);
      ChainConnection.this.onOpen(this, ws);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      long now = System.nanoTime();
      awaitingPong = false;
      if (!last) {
        if (partial == null) {
          partial = new StringBuilder();
        }
        partial.append(data);
      } else if (partial != null) {
        partial.append(data);
        String text = partial.toString();
        partial = null;
        onFrame(text, now);
      } else {
        onFrame(data.toString(), now);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      awaitingPong = false;
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
      awaitingPong = false;
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
      awaitingPong = false;
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      onSocketGone(this, new ConnectionClosedException(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      onSocketGone(this, error);
    }
  }

  /** The gateway closed the WebSocket. */
  public static final class ConnectionClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int statusCode;

    public ConnectionClosedException(int statusCode, String reason) {
      super(
          "WebSocket closed by the server: " + statusCode + (reason.isEmpty() ? "" : " " + reason));
      this.statusCode = statusCode;
    }

    public int statusCode() {
      return statusCode;
    }
  }
}
