package dev.chain.im.messages.conversation;

import dev.chain.im.messages.chain.MessageRows;
import dev.chain.im.protocol.chain.Message;
import dev.chain.im.protocol.conversation.ConversationSummary;
import dev.chain.im.protocol.conversation.Receipts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The conversation side of the store. Every write is one call of a database function (see the V2
 * migration), so it is one statement, one transaction and one round trip; under load, sends share
 * theirs ({@link SendBatcher}).
 */
@ApplicationScoped
public class ConversationStore {
  /** Whether message {@code m} of conversation {@code c} is visible to user {@code $1}. */
  private static final String VISIBLE =
      " (c.history = 'full' or exists (select 1 from membership_periods p"
          + " where p.conversation_id = m.conversation_id and p.user_id = $1"
          + " and m.seq >= p.first_seq and (p.last_seq is null or m.seq <= p.last_seq)))"
          + " and not exists (select 1 from hidden_messages h"
          + " where h.user_id = $1 and h.conversation_id = m.conversation_id and h.seq = m.seq)";

  private static final String VIEW =
      "select c.owner_id, c.access, c.history, c.last_seq, mb.active, mb.read_seq"
          + " from conversations c left join members mb"
          + " on mb.conversation_id = c.id and mb.user_id = $1 where c.id = $2";

  private static final String MESSAGES_AFTER =
      "select "
          + MessageRows.columns("$1")
          + " from messages m join conversations c on c.id = m.conversation_id"
          + " where m.conversation_id = $2 and m.seq > $3 and"
          + VISIBLE
          + " order by m.seq limit $4";

  private static final String MESSAGES_BEFORE =
      "select "
          + MessageRows.columns("$1")
          + " from messages m join conversations c on c.id = m.conversation_id"
          + " where m.conversation_id = $2 and m.seq < $3 and"
          + VISIBLE
          + " order by m.seq desc limit $4";

  /**
   * One page of the caller's conversations, newest activity first, after the cursor {@code ($2,
   * $3)} when one is given. The page is chosen on the kept activity and counters alone; only its
   * rows look up their last visible message.
   */
  private static final String SUMMARIES =
      "with page as (select c.*, mb.read_seq, mb.unread, mb.muted"
          + " from members mb join conversations c on c.id = mb.conversation_id"
          + " where mb.user_id = $1 and mb.active"
          + " and ($2::timestamptz is null or (c.active_at, c.id) < ($2, $3))"
          + " order by c.active_at desc, c.id desc limit $4)"
          + " select c.id as conversation_id, c.access, c.history, c.last_seq, c.active_at,"
          + " c.read_seq, c.unread, c.muted, lm.*,"
          + " (select count(*) from mentions mn join messages mm"
          + " on mm.conversation_id = mn.conversation_id and mm.seq = mn.seq"
          + " where mn.user_id = $1 and mn.conversation_id = c.id and mn.seq > c.read_seq"
          + " and mm.state = 'normal' and not exists (select 1 from hidden_messages h"
          + " where h.user_id = $1 and h.conversation_id = mn.conversation_id"
          + " and h.seq = mn.seq)) as unread_mentions,"
          + " (select case when count(*) = 1 then min(o.user_id) end from (select user_id"
          + " from members o where o.conversation_id = c.id and o.active and o.user_id <> $1"
          + " limit 2) o) as peer_id"
          + " from page c left join lateral (select "
          + MessageRows.columns("$1")
          + " from messages m where m.conversation_id = c.id and"
          + VISIBLE
          + " order by m.seq desc limit 1) lm on true"
          + " order by c.active_at desc, c.id desc";

  private static final String ROSTER =
      "select array(select mb.user_id from members mb where mb.conversation_id = c.id"
          + " and mb.active order by mb.user_id) as members from conversations c where c.id = $1";

  private static final String RECEIPTS =
      "select mb.user_id, mb.read_seq from members mb where mb.conversation_id = $1 and mb.active"
          + " and mb.user_id <> $2 and ($3::text is null or mb.user_id > $3)"
          + " order by mb.user_id limit $4";

  private static final String MEMBERS =
      "select user_id from members where conversation_id = $1 and active order by user_id";

  private final Pool client;
  private final SendBatcher sends;

  public ConversationStore(Pool client, SendBatcher sends) {
    this.client = client;
    this.sends = sends;
  }

  /** The conversation as one user sees it: its settings and their membership. */
  public record View(
      String ownerId, String access, String history, long lastSeq, boolean member, long readSeq) {}

  public Uni<Optional<View>> view(String userId, String conversationId) {
    return client
        .preparedQuery(VIEW)
        .execute(Tuple.of(userId, conversationId))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              Row row = rows.iterator().next();
              Long readSeq = row.getLong("read_seq");
              return Optional.of(
                  new View(
                      row.getString("owner_id"),
                      row.getString("access"),
                      row.getString("history"),
                      row.getLong("last_seq"),
                      Boolean.TRUE.equals(row.getBoolean("active")),
                      readSeq == null ? 0 : readSeq));
            });
  }

  /** The active members of a conversation, or empty when it does not exist. */
  public Uni<Optional<List<String>>> roster(String conversationId) {
    return client
        .preparedQuery(ROSTER)
        .execute(Tuple.of(conversationId))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(List.of(rows.iterator().next().getArrayOfStrings("members"))));
  }

  /** Up to {@code limit} read positions of members other than {@code userId}, after a user id. */
  public Uni<List<Receipts.Receipt>> receipts(
      String conversationId, String userId, String after, int limit) {
    return client
        .preparedQuery(RECEIPTS)
        .execute(Tuple.of(conversationId, userId, after, limit))
        .map(
            rows -> {
              List<Receipts.Receipt> receipts = new ArrayList<>(rows.size());
              rows.forEach(
                  row ->
                      receipts.add(
                          new Receipts.Receipt(row.getString("user_id"), row.getLong("read_seq"))));
              return receipts;
            });
  }

  public Uni<List<String>> members(String conversationId) {
    return client
        .preparedQuery(MEMBERS)
        .execute(Tuple.of(conversationId))
        .map(
            rows -> {
              List<String> members = new ArrayList<>(rows.size());
              rows.forEach(row -> members.add(row.getString("user_id")));
              return members;
            });
  }

  /** Up to {@code limit} visible messages after {@code after}, ascending. */
  public Uni<List<Message>> after(String userId, String conversationId, long after, int limit) {
    return client
        .preparedQuery(MESSAGES_AFTER)
        .execute(Tuple.of(userId, conversationId, after, limit))
        .map(rows -> messages(rows, conversationId));
  }

  /** Up to {@code limit} visible messages before {@code before}, newest first. */
  public Uni<List<Message>> before(String userId, String conversationId, long before, int limit) {
    return client
        .preparedQuery(MESSAGES_BEFORE)
        .execute(Tuple.of(userId, conversationId, before, limit))
        .map(rows -> messages(rows, conversationId));
  }

  /** A conversation of the caller's list, with the activity that places it there. */
  public record Summary(ConversationSummary summary, ListCursor cursor) {}

  /** Up to {@code limit} of the caller's conversations after {@code after} (null: the newest). */
  public Uni<List<Summary>> summaries(String userId, ListCursor after, int limit) {
    return client
        .preparedQuery(SUMMARIES)
        .execute(
            Tuple.of(
                userId,
                after == null ? null : after.activeAt(),
                after == null ? null : after.conversationId(),
                limit))
        .map(
            rows -> {
              List<Summary> summaries = new ArrayList<>(rows.size());
              for (Row row : rows) {
                String id = row.getString("conversation_id");
                Message last = row.getUUID("id") == null ? null : MessageRows.message(row, id);
                summaries.add(
                    new Summary(
                        new ConversationSummary(
                            id,
                            row.getString("access"),
                            row.getString("history"),
                            row.getLong("last_seq"),
                            row.getLong("read_seq"),
                            row.getLong("unread"),
                            row.getLong("unread_mentions"),
                            row.getBoolean("muted"),
                            row.getString("peer_id"),
                            last),
                        new ListCursor(row.getOffsetDateTime("active_at"), id)));
              }
              return summaries;
            });
  }

  public Uni<Row> create(
      String conversationId, String owner, List<String> members, String access, String history) {
    return call(
        "select * from im_create($1, $2, $3, $4, $5)",
        Tuple.of(conversationId, owner, members.toArray(String[]::new), access, history));
  }

  /**
   * Sends, and names the recipients who muted the conversation (column {@code muted}) and, when it
   * mentions anyone, those it mentions (column {@code mentioned}).
   */
  public Uni<Row> send(
      String conversationId,
      String sender,
      String clientMsgId,
      String content,
      SendRules.Mentions mentions) {
    return sends.send(conversationId, sender, clientMsgId, content, mentions);
  }

  public Uni<Row> join(String conversationId, String actor, String userId, boolean createOnJoin) {
    return call(
        "select * from im_join($1, $2, $3, $4)",
        Tuple.of(conversationId, actor, userId, createOnJoin));
  }

  public Uni<Row> leave(String conversationId, String actor, String userId) {
    return call("select * from im_leave($1, $2, $3)", Tuple.of(conversationId, actor, userId));
  }

  /**
   * Marks read, and names the members to tell of it (column {@code recipients}, null when the
   * position did not move or the conversation has more than {@code pushMaxMembers} members).
   */
  public Uni<Row> markRead(String conversationId, String userId, long seq, int pushMaxMembers) {
    return call(
        "select r.*, case when r.outcome = 'changed'"
            + " then im_receipt_recipients($1, $2, $4) end as recipients"
            + " from im_mark_read($1, $2, $3) r",
        Tuple.of(conversationId, userId, seq, pushMaxMembers));
  }

  /** Recalls if the message was sent within {@code window} before {@code now}, or by the owner. */
  public Uni<Row> recall(
      String conversationId, String userId, long seq, Duration window, OffsetDateTime now) {
    return call(
        "select * from im_recall($1, $2, $3, make_interval(secs => $4), $5)",
        Tuple.of(conversationId, userId, seq, window.toMillis() / 1000.0, now));
  }

  /**
   * Edits if the caller sent the message within {@code window} before {@code now}; the row has the
   * message's columns ({@code recalled_by} null: a recalled message is not edited).
   */
  public Uni<Row> edit(
      String conversationId,
      String userId,
      long seq,
      String content,
      Duration window,
      OffsetDateTime now) {
    return call(
        "select e.*, null::text as recalled_by"
            + " from im_edit($1, $2, $3, $4::text::jsonb, make_interval(secs => $5), $6) e",
        Tuple.of(conversationId, userId, seq, content, window.toMillis() / 1000.0, now));
  }

  /** Adds or removes one user's reaction to a message; the reactions now are in {@code shown}. */
  public Uni<Row> react(
      String conversationId,
      String userId,
      long seq,
      String reaction,
      boolean add,
      int maxReactions) {
    return call(
        "select * from im_react($1, $2, $3, $4, $5, $6)",
        Tuple.of(conversationId, userId, seq, reaction, add, maxReactions));
  }

  /** Mutes or unmutes the conversation for one member; the outcome is in column {@code outcome}. */
  public Uni<Row> setMuted(String conversationId, String userId, boolean muted) {
    return call(
        "select im_set_muted($1, $2, $3) as outcome", Tuple.of(conversationId, userId, muted));
  }

  public Uni<Row> delete(String conversationId, String userId, long seq) {
    return call("select * from im_delete($1, $2, $3)", Tuple.of(conversationId, userId, seq));
  }

  private Uni<Row> call(String sql, Tuple arguments) {
    return client.preparedQuery(sql).execute(arguments).map(rows -> rows.iterator().next());
  }

  private static List<Message> messages(RowSet<Row> rows, String conversationId) {
    List<Message> messages = new ArrayList<>(rows.size());
    rows.forEach(row -> messages.add(MessageRows.message(row, conversationId)));
    return messages;
  }
}
