package dev.chain.im.messages.delivery;

import dev.chain.im.protocol.push.Delivery;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjLongConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How an instance that wrote entries for users it does not publish tells the instance that does: a
 * PostgreSQL notification on {@value #CHANNEL}, one line {@code "<seq> <userId>"} per user, after
 * the commit. The owner reads those entries from the chain. A notification that is lost (the
 * listener was reconnecting) is made up for by the sweep, which runs on every (re)subscription.
 */
@ApplicationScoped
public class PublishHandoff {
  static final String CHANNEL = "im_publish";
  private static final Logger LOG = Logger.getLogger(PublishHandoff.class);

  /** Below PostgreSQL's 8000-byte limit on a notification's payload. */
  private static final int MAX_PAYLOAD = 7000;

  private static final String NOTIFY =
      "select pg_notify('" + CHANNEL + "', payload) from unnest($1::text[]) as payload";

  private final Pool pool;
  private final Vertx vertx;
  private final PgConnectOptions listenerOptions;
  private PgSubscriber subscriber;

  public PublishHandoff(
      Pool pool,
      Vertx vertx,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") String user,
      @ConfigProperty(name = "quarkus.datasource.password") String password) {
    this.pool = pool;
    this.vertx = vertx;
    this.listenerOptions = PgConnectOptions.fromUri(url).setUser(user).setPassword(password);
  }

  /** Tells the owners that these entries are on their users' chains. */
  void tell(List<Delivery> entries) {
    List<String> payloads = new ArrayList<>();
    StringBuilder payload = new StringBuilder();
    for (Delivery entry : entries) {
      String line = entry.seq() + " " + entry.userId();
      if (payload.length() + line.length() + 1 > MAX_PAYLOAD) {
        payloads.add(payload.toString());
        payload.setLength(0);
      }
      if (payload.length() > 0) {
        payload.append('\n');
      }
      payload.append(line);
    }
    payloads.add(payload.toString());
    pool.preparedQuery(NOTIFY)
        .execute(Tuple.of(payloads.toArray(String[]::new)))
        .subscribe()
        .with(
            done -> {},
            failure -> LOG.debugf("Handoff not sent, the owner's sweep will find it: %s", failure));
  }

  /**
   * Listens for what other instances tell: {@code told} gets each user and seq; {@code subscribed}
   * runs whenever the listener (re)subscribes, since notifications sent meanwhile are lost.
   */
  void listen(ObjLongConsumer<String> told, Runnable subscribed) {
    subscriber = PgSubscriber.subscriber(vertx, listenerOptions).reconnectPolicy(retries -> 1000L);
    subscriber
        .channel(CHANNEL)
        .subscribeHandler(subscribed)
        .handler(payload -> payload.lines().forEach(line -> read(line, told)));
    connect();
  }

  private void connect() {
    subscriber
        .connect()
        .subscribe()
        .with(
            connected -> {},
            failure -> {
              LOG.warnf("Cannot listen for handoffs yet, retrying: %s", failure.toString());
              vertx.setTimer(1000, id -> connect());
            });
  }

  private static void read(String line, ObjLongConsumer<String> told) {
    int space = line.indexOf(' ');
    if (space > 0) {
      try {
        told.accept(line.substring(space + 1), Long.parseLong(line.substring(0, space)));
      } catch (NumberFormatException e) {
        LOG.debugf("Ignoring a handoff line: %s", line);
      }
    }
  }

  @PreDestroy
  void close() {
    if (subscriber != null) {
      subscriber.closeAndForget();
    }
  }
}
