package dev.chain.im.messages.chain;

import dev.chain.im.protocol.chain.ChainEntry;
import dev.chain.im.protocol.chain.SyncPage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Reads user chains: a page for one user, or ranges of many users' chains for publishing. */
@ApplicationScoped
public class UserChainStore {
  /** Entry columns joined with the message a {@code message} or {@code edit} entry refers to. */
  private static final String ENTRY_COLUMNS =
      "e.user_id, e.seq as entry_seq, e.kind, e.conversation_id, e.ref_seq, e.subject_id,"
          + " e.change, e.reaction, mn.user_id is not null as mentioned, "
          + MessageRows.columns("e.user_id");

  private static final String MESSAGE_JOIN =
      " left join messages m on e.kind in ('message', 'edit')"
          + " and m.conversation_id = e.conversation_id and m.seq = e.ref_seq"
          + " left join mentions mn on e.kind = 'message' and mn.user_id = e.user_id"
          + " and mn.conversation_id = e.conversation_id and mn.seq = e.ref_seq";

  private static final String HEAD =
      "with created as (insert into user_heads (user_id) values ($1)"
          + " on conflict (user_id) do nothing returning epoch, head_seq)"
          + " select epoch, head_seq from created"
          + " union all select epoch, head_seq from user_heads where user_id = $1";

  private static final String PAGE =
      "select "
          + ENTRY_COLUMNS
          + " from user_entries e"
          + MESSAGE_JOIN
          + " where e.user_id = $1 and e.seq > $2 order by e.seq limit $3";

  private static final String RANGES =
      "select h.epoch, coalesce(mb.muted, false) as muted, "
          + ENTRY_COLUMNS
          + " from unnest($1::text[], $2::bigint[], $3::bigint[]) as r(user_id, after_seq, upto_seq)"
          + " join user_entries e on e.user_id = r.user_id"
          + " and e.seq > r.after_seq and e.seq <= r.upto_seq"
          + " join user_heads h on h.user_id = r.user_id"
          + MESSAGE_JOIN
          + " left join members mb on e.kind = 'message'"
          + " and mb.conversation_id = e.conversation_id and mb.user_id = e.user_id"
          + " order by e.user_id, e.seq limit $4";

  private final Pool client;

  public UserChainStore(Pool client) {
    this.client = client;
  }

  public Uni<SyncPage> page(String userId, long after, int limit) {
    Uni<Row> head =
        client.preparedQuery(HEAD).execute(Tuple.of(userId)).map(rows -> rows.iterator().next());
    Uni<List<ChainEntry>> entries =
        client
            .preparedQuery(PAGE)
            .execute(Tuple.of(userId, after, limit))
            .map(
                rows -> {
                  List<ChainEntry> page = new ArrayList<>(rows.size());
                  rows.forEach(row -> page.add(entry(row)));
                  return page;
                });
    return head.chain(
        headRow ->
            entries.map(
                page -> {
                  long headSeq = headRow.getLong("head_seq");
                  long last = page.isEmpty() ? after : page.get(page.size() - 1).seq();
                  return new SyncPage(headRow.getString("epoch"), page, headSeq, last < headSeq);
                }));
  }

  /** A user chain range to read: the entries after {@code afterSeq} up to {@code uptoSeq}. */
  public record Range(String userId, long afterSeq, long uptoSeq) {}

  /**
   * An entry read for publishing, with its chain's epoch, and whether its user mutes the
   * conversation of this {@code message} entry now.
   */
  public record StoredEntry(String userId, String epoch, ChainEntry entry, boolean muted) {}

  public Uni<List<StoredEntry>> ranges(List<Range> ranges, int limit) {
    String[] users = new String[ranges.size()];
    Long[] after = new Long[ranges.size()];
    Long[] upto = new Long[ranges.size()];
    for (int i = 0; i < users.length; i++) {
      users[i] = ranges.get(i).userId();
      after[i] = ranges.get(i).afterSeq();
      upto[i] = ranges.get(i).uptoSeq();
    }
    return client
        .preparedQuery(RANGES)
        .execute(Tuple.of(users, after, upto, limit))
        .map(
            rows -> {
              List<StoredEntry> read = new ArrayList<>(rows.size());
              rows.forEach(
                  row ->
                      read.add(
                          new StoredEntry(
                              row.getString("user_id"),
                              row.getString("epoch"),
                              entry(row),
                              row.getBoolean("muted"))));
              return read;
            });
  }

  private static ChainEntry entry(Row row) {
    long seq = row.getLong("entry_seq");
    String conversationId = row.getString("conversation_id");
    return switch (row.getString("kind")) {
      case ChainEntry.MESSAGE ->
          ChainEntry.message(
              seq, MessageRows.message(row, conversationId), row.getBoolean("mentioned"));
      case ChainEntry.READ -> ChainEntry.read(seq, conversationId, row.getLong("ref_seq"));
      case ChainEntry.RECALL ->
          ChainEntry.recall(
              seq, conversationId, row.getLong("ref_seq"), row.getString("subject_id"));
      case ChainEntry.DELETE -> ChainEntry.delete(seq, conversationId, row.getLong("ref_seq"));
      case ChainEntry.EDIT ->
          ChainEntry.edit(
              seq,
              conversationId,
              row.getLong("ref_seq"),
              MessageRows.content(row.getString("content")),
              row.getOffsetDateTime("edited_at"));
      case ChainEntry.REACTION ->
          ChainEntry.reaction(
              seq,
              conversationId,
              row.getLong("ref_seq"),
              row.getString("subject_id"),
              row.getString("reaction"),
              row.getString("change"));
      case ChainEntry.MEMBERSHIP ->
          ChainEntry.membership(
              seq, conversationId, row.getString("subject_id"), row.getString("change"));
      default -> throw new IllegalStateException("unknown entry kind " + row.getString("kind"));
    };
  }
}
