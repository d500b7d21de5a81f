package dev.chain.im.messages.conversation;

import dev.chain.im.messages.config.ImConfig;
import dev.chain.im.messages.metrics.MessageMetrics;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends messages in as few statements as the load allows. At most {@code im.sends.in-flight}
 * statements of sends run at once: a send that finds one free goes at once, alone, as {@code
 * im_send}; the sends that arrive while all are busy wait here, and the next free statement takes
 * them together (up to {@code im.sends.batch-size}) as one call of {@code im_send_many}, one
 * transaction for all. Each send then costs PostgreSQL a share of one commit and one round trip
 * instead of its own (measured in docs/benchmarks.md); each still gets its own outcome row. A send
 * that mentions anyone always goes alone, as {@code im_send_mentioning}.
 */
@ApplicationScoped
public class SendBatcher {
  private static final String WITH_MUTED =
      "select s.*, case when s.outcome = 'created' then im_muted_members($1) end as muted from ";
  private static final String ONE = WITH_MUTED + "im_send($1, $2, $3, $4::text::jsonb) s";
  private static final String MENTIONING =
      WITH_MUTED + "im_send_mentioning($1, $2, $3, $4::text::jsonb, $5, $6) s";
  private static final String MANY = "select * from im_send_many($1, $2, $3, $4::text[]::jsonb[])";

  private final Pool client;
  private final MessageMetrics metrics;
  private final int inFlightLimit;
  private final int batchSize;
  private final int waitLimit;

  /** Guarded by {@code this}, as is {@link #inFlight}. */
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();

  private int inFlight;

  public SendBatcher(Pool client, MessageMetrics metrics, ImConfig config) {
    this.client = client;
    this.metrics = metrics;
    this.inFlightLimit = config.sends().inFlight();
    this.batchSize = config.sends().batchSize();
    this.waitLimit = config.limits().databaseWaitQueue();
  }

  /** Sends one message; the row has the columns of {@code im_send} and {@code muted}. */
  public Uni<Row> send(
      String conversationId,
      String sender,
      String clientMsgId,
      String content,
      SendRules.Mentions mentions) {
    return Uni.createFrom()
        .emitter(
            answer -> {
              Pending send =
                  new Pending(
                      conversationId,
                      sender,
                      clientMsgId,
                      content,
                      mentions,
                      Vertx.currentContext(),
                      answer);
              synchronized (this) {
                if (waiting.size() >= waitLimit) {
                  answer.fail(new ConnectionPoolTooBusyException("too many sends waiting"));
                  return;
                }
                waiting.add(send);
              }
              dispatch();
            });
  }

  private void dispatch() {
    List<Pending> batch;
    synchronized (this) {
      if (inFlight >= inFlightLimit || waiting.isEmpty()) {
        return;
      }
      inFlight++;
      batch = new ArrayList<>(Math.min(waiting.size(), batchSize));
      batch.add(waiting.poll());
      while (batch.size() < batchSize
          && !waiting.isEmpty()
          && !batch.get(0).mentions.any()
          && !waiting.peek().mentions.any()) {
        batch.add(waiting.poll());
      }
    }
    metrics.sendBatch(batch.size());
    execute(batch)
        .subscribe()
        .with(
            rows -> {
              try {
                answer(batch, rows);
              } finally {
                finished();
              }
            },
            failure -> {
              try {
                batch.forEach(send -> send.fail(failure));
              } finally {
                finished();
              }
            });
  }

  private void finished() {
    synchronized (this) {
      inFlight--;
    }
    dispatch();
  }

  private Uni<RowSet<Row>> execute(List<Pending> batch) {
    if (batch.size() == 1) {
      Pending send = batch.get(0);
      if (send.mentions.any()) {
        return client
            .preparedQuery(MENTIONING)
            .execute(
                Tuple.of(
                    send.conversationId,
                    send.sender,
                    send.clientMsgId,
                    send.content,
                    send.mentions.users(),
                    send.mentions.all()));
      }
      return client
          .preparedQuery(ONE)
          .execute(Tuple.of(send.conversationId, send.sender, send.clientMsgId, send.content));
    }
    int size = batch.size();
    String[] conversations = new String[size];
    String[] senders = new String[size];
    String[] clientMsgIds = new String[size];
    String[] contents = new String[size];
    for (int i = 0; i < size; i++) {
      Pending send = batch.get(i);
      conversations[i] = send.conversationId;
      senders[i] = send.sender;
      clientMsgIds[i] = send.clientMsgId;
      contents[i] = send.content;
    }
    return client
        .preparedQuery(MANY)
        .execute(
            Tuple.tuple()
                .addArrayOfString(conversations)
                .addArrayOfString(senders)
                .addArrayOfString(clientMsgIds)
                .addArrayOfString(contents));
  }

  private static void answer(List<Pending> batch, RowSet<Row> rows) {
    if (batch.size() == 1) {
      batch.get(0).complete(rows.iterator().next());
      return;
    }
    for (Row row : rows) {
      batch.get(row.getInteger("item") - 1).complete(row);
    }
  }

  /** A send waiting for its statement, answered on the context it was asked on. */
  private record Pending(
      String conversationId,
      String sender,
      String clientMsgId,
      String content,
      SendRules.Mentions mentions,
      Context context,
      UniEmitter<? super Row> answer) {

    void complete(Row row) {
      onOwnContext(() -> answer.complete(row));
    }

    void fail(Throwable failure) {
      onOwnContext(() -> answer.fail(failure));
    }

    private void onOwnContext(Runnable action) {
      if (context == null || context == Vertx.currentContext()) {
        action.run();
      } else {
        context.runOnContext(ignored -> action.run());
      }
    }
  }
}
