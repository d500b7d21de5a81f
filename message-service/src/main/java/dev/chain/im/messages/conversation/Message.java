package dev.chain.im.messages.conversation;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * A message on a conversation chain. {@code content} is the stored JSON text, written out as is; it
 * is null once the message is recalled.
 */
public record Message(
    String id,
    String conversationId,
    long seq,
    String senderId,
    String clientMsgId,
    OffsetDateTime sentAt,
    @JsonRawValue String content,
    String state) {

  /** Reads the columns id, seq, sender_id, client_msg_id, sent_at, content (text) and state. */
  public static Message from(Row row, String conversationId) {
    return new Message(
        row.getUUID("id").toString(),
        conversationId,
        row.getLong("seq"),
        row.getString("sender_id"),
        row.getString("client_msg_id"),
        row.getOffsetDateTime("sent_at"),
        row.getString("content"),
        row.getString("state"));
  }
}
