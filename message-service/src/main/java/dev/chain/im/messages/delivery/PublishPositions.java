package dev.chain.im.messages.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far each user's chain has been published to Kafka. With the chain itself this is the outbox:
 * whatever lies between a user's published position and their head is still to publish.
 */
@ApplicationScoped
public class PublishPositions {
  private static final String LOAD =
      "select u.user_id, coalesce(p.published_seq, 0) as published_seq"
          + " from unnest($1::text[]) as u(user_id)"
          + " left join publish_positions p on p.user_id = u.user_id";

  private static final String SAVE =
      "insert into publish_positions (user_id, published_seq)"
          + " select * from unnest($1::text[], $2::bigint[]) as s(user_id, seq) order by user_id"
          + " on conflict (user_id) do update set published_seq"
          + " = greatest(publish_positions.published_seq, excluded.published_seq)";

  private static final String BACKLOG =
      "select h.user_id, h.head_seq, coalesce(p.published_seq, 0) as published_seq"
          + " from user_heads h left join publish_positions p on p.user_id = h.user_id"
          + " where h.head_seq > coalesce(p.published_seq, 0)";

  private final Pool client;

  public PublishPositions(Pool client) {
    this.client = client;
  }

  /** A user whose chain is ahead of what was published. */
  public record Backlog(String userId, long publishedSeq, long headSeq) {}

  public Uni<Map<String, Long>> load(String[] users) {
    return client
        .preparedQuery(LOAD)
        .execute(Tuple.of(users))
        .map(
            rows -> {
              Map<String, Long> positions = new HashMap<>();
              rows.forEach(
                  row -> positions.put(row.getString("user_id"), row.getLong("published_seq")));
              return positions;
            });
  }

  public Uni<Void> save(String[] users, Long[] seqs) {
    return client.preparedQuery(SAVE).execute(Tuple.of(users, seqs)).replaceWithVoid();
  }

  public Uni<List<Backlog>> backlog() {
    return client
        .query(BACKLOG)
        .execute()
        .map(
            rows -> {
              List<Backlog> backlog = new ArrayList<>(rows.size());
              rows.forEach(
                  row ->
                      backlog.add(
                          new Backlog(
                              row.getString("user_id"),
                              row.getLong("published_seq"),
                              row.getLong("head_seq"))));
              return backlog;
            });
  }
}
