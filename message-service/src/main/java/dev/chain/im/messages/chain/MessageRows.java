package dev.chain.im.messages.chain;

import dev.chain.im.protocol.chain.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.util.Map;

/** Reads messages from query results and writes their content for the database. */
public final class MessageRows {
  /** The message columns every query that returns messages selects, for a table aliased m. */
  public static final String COLUMNS =
      "m.id, m.seq, m.sender_id, m.client_msg_id, m.sent_at, m.content::text as content, m.state";

  private MessageRows() {}

  /** Reads the columns of {@link #COLUMNS}. */
  public static Message message(Row row, String conversationId) {
    return new Message(
        row.getUUID("id").toString(),
        conversationId,
        row.getLong("seq"),
        row.getString("sender_id"),
        row.getString("client_msg_id"),
        row.getOffsetDateTime("sent_at"),
        content(row.getString("content")),
        row.getString("state"));
  }

  /** Content stored as JSON text, read back as the object it is; null for a recalled message. */
  public static Map<String, Object> content(String json) {
    return json == null ? null : new JsonObject(json).getMap();
  }

  public static String json(Map<String, Object> content) {
    return new JsonObject(content).encode();
  }
}
