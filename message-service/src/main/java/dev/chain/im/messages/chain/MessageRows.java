package dev.chain.im.messages.chain;

import dev.chain.im.protocol.chain.Message;
import dev.chain.im.protocol.chain.Reaction;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads messages from query results and writes their content for the database. */
public final class MessageRows {
  private MessageRows() {}

  /**
   * The message columns every query that returns messages selects, for a table aliased m, with the
   * reactions as the user {@code reader} (an SQL expression) sees them. A row without a message (a
   * user-chain entry of another kind, left-joined) looks none up.
   */
  public static String columns(String reader) {
    return "m.id, m.seq, m.sender_id, m.client_msg_id, m.sent_at, m.content::text as content,"
        + " m.state, m.edited_at, m.recalled_by, case when m.id is not null then im_reactions(m.conversation_id,"
        + " m.seq, "
        + reader
        + ")::text end as reactions";
  }

  /** Reads the columns of {@link #columns}. */
  public static Message message(Row row, String conversationId) {
    return new Message(
        row.getUUID("id").toString(),
        conversationId,
        row.getLong("seq"),
        row.getString("sender_id"),
        row.getString("client_msg_id"),
        row.getOffsetDateTime("sent_at"),
        content(row.getString("content")),
        row.getString("state"),
        row.getOffsetDateTime("edited_at"),
        reactions(row.getString("reactions")),
        row.getString("recalled_by"));
  }

  /** Content stored as JSON text, read back as the object it is; null for a recalled message. */
  public static Map<String, Object> content(String json) {
    return json == null ? null : new JsonObject(json).getMap();
  }

  /** Reactions as {@code im_reactions} writes them; null (none) stays null. */
  public static List<Reaction> reactions(String json) {
    if (json == null) {
      return null;
    }
    JsonArray array = new JsonArray(json);
    List<Reaction> reactions = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonObject reaction = array.getJsonObject(i);
      reactions.add(
          new Reaction(
              reaction.getString("reaction"),
              reaction.getLong("count"),
              reaction.getBoolean("me")));
    }
    return reactions;
  }

  public static String json(Map<String, Object> content) {
    return new JsonObject(content).encode();
  }
}
