package dev.chain.im.messages.presence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Who may see whose presence: users who share a conversation, and the peers of 1:1 ones. */
@ApplicationScoped
public class PresenceStore {
  private static final String SHARED =
      "select distinct other.user_id from members mine join members other"
          + " on other.conversation_id = mine.conversation_id and other.active"
          + " where mine.user_id = $1 and mine.active and other.user_id = any($2)";

  private static final String PEERS =
      "select other.user_id from members mine join members other"
          + " on other.conversation_id = mine.conversation_id and other.active"
          + " and other.user_id <> mine.user_id"
          + " where mine.user_id = $1 and mine.active and (select count(*) from members x"
          + " where x.conversation_id = mine.conversation_id and x.active) = 2";

  private final Pool client;

  public PresenceStore(Pool client) {
    this.client = client;
  }

  /** Those of {@code users} who share a conversation with {@code userId}. */
  public Uni<List<String>> sharedWith(String userId, List<String> users) {
    return client
        .preparedQuery(SHARED)
        .execute(Tuple.of(userId, users.toArray(String[]::new)))
        .map(PresenceStore::userIds);
  }

  /** The other members of the user's conversations of two members. */
  public Uni<List<String>> peers(String userId) {
    return client.preparedQuery(PEERS).execute(Tuple.of(userId)).map(PresenceStore::userIds);
  }

  private static List<String> userIds(RowSet<Row> rows) {
    List<String> users = new ArrayList<>(rows.size());
    rows.forEach(row -> users.add(row.getString("user_id")));
    return users;
  }
}
