package dev.chain.im.messages.database;

import dev.chain.im.messages.config.ImConfig;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The PostgreSQL pool, with a bounded queue of requests waiting for a connection: when the database
 * cannot keep up, a request past the queue is answered 503 at once (see the problem mappers)
 * instead of queueing without limit. Quarkus has no setting for the queue, so the pool is built
 * here from Quarkus's own options.
 */
@Singleton
public class BoundedPool implements PgPoolCreator {
  private final int waitQueue;

  public BoundedPool(ImConfig config) {
    this.waitQueue = config.limits().databaseWaitQueue();
  }

  @Override
  public Pool create(Input input) {
    return PgBuilder.pool()
        .with(input.poolOptions().setMaxWaitQueueSize(waitQueue))
        .connectingTo(List.<SqlConnectOptions>copyOf(input.pgConnectOptionsList()))
        .using(input.vertx())
        .build();
  }
}
