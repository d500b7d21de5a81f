package dev.chain.im.protocol.chain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One entry of a user chain. Which of the optional fields are set depends on the kind:
 *
 * <ul>
 *   <li>{@link #MESSAGE}: {@code message}, written to every member at send time, with {@code
 *       mentioned} true on the entries of the members it mentions
 *   <li>{@link #READ}: {@code readSeq}, the reader's new read position, on the reader's own chain
 *   <li>{@link #RECALL}: {@code messageSeq} and {@code userId} (who recalled: the sender, or the
 *       owner), written to every current member
 *   <li>{@link #DELETE}: {@code messageSeq}, the message hidden for the deleter, on their own chain
 *   <li>{@link #MEMBERSHIP}: {@code userId} and {@code change} ({@link #JOINED}, {@link #LEFT} or
 *       {@link #REMOVED}), written to every member and to the one who joined or left
 *   <li>{@link #EDIT}: {@code messageSeq}, the message's {@code content} now and {@code editedAt},
 *       written to every current member
 *   <li>{@link #REACTION}: {@code messageSeq}, {@code userId} (who reacted), {@code reaction} and
 *       {@code change} ({@link #ADDED} or {@link #REMOVED}), written to every current member
 * </ul>
 *
 * The kind is a string, not an enum, so that a reader passes kinds added later through; fields it
 * does not know are ignored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(
    description =
        "An entry of the caller's user chain. Which fields are set depends on kind; a kind this"
            + " description does not list may come later and is to be passed over.",
    requiredProperties = {"seq", "kind", "conversationId"})
public record ChainEntry(
    @Schema(
            minimum = "1",
            description = "The entry's place on the user chain: 1, 2, 3 … without gaps.")
        long seq,
    @Schema(enumeration = {MESSAGE, READ, RECALL, DELETE, MEMBERSHIP, EDIT, REACTION}) String kind,
    String conversationId,
    Message message,
    @Schema(description = "read: the reader's new read position.") Long readSeq,
    @Schema(description = "recall, delete, edit, reaction: the message's seq in its conversation.")
        Long messageSeq,
    @Schema(
            description =
                "membership: who joined or left; reaction: who reacted; recall: who recalled.")
        String userId,
    @Schema(enumeration = {JOINED, LEFT, REMOVED, ADDED}) String change,
    @Schema(ref = "MessageContent", description = "edit: the message's content now.")
        Map<String, Object> content,
    @Schema(description = "edit: when.") OffsetDateTime editedAt,
    @Schema(description = "reaction: which.") String reaction,
    @Schema(description = "message: true on the entries of the members it mentions.")
        Boolean mentioned) {

  public static final String MESSAGE = "message";
  public static final String READ = "read";
  public static final String RECALL = "recall";
  public static final String DELETE = "delete";
  public static final String MEMBERSHIP = "membership";
  public static final String EDIT = "edit";
  public static final String REACTION = "reaction";

  public static final String JOINED = "joined";
  public static final String LEFT = "left";
  public static final String REMOVED = "removed";
  public static final String ADDED = "added";

  public static ChainEntry message(long seq, Message message) {
    return message(seq, message, false);
  }

  /** A message entry; {@code mentioned} marks the entry of a member the message mentions. */
  public static ChainEntry message(long seq, Message message, boolean mentioned) {
    return new ChainEntry(
        seq,
        MESSAGE,
        message.conversationId(),
        message,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        mentioned ? Boolean.TRUE : null);
  }

  public static ChainEntry read(long seq, String conversationId, long readSeq) {
    return new ChainEntry(
        seq, READ, conversationId, null, readSeq, null, null, null, null, null, null, null);
  }

  /** A recall entry; {@code recalledBy} is the sender, or the owner, who recalled it. */
  public static ChainEntry recall(
      long seq, String conversationId, long messageSeq, String recalledBy) {
    return new ChainEntry(
        seq,
        RECALL,
        conversationId,
        null,
        null,
        messageSeq,
        recalledBy,
        null,
        null,
        null,
        null,
        null);
  }

  public static ChainEntry delete(long seq, String conversationId, long messageSeq) {
    return new ChainEntry(
        seq, DELETE, conversationId, null, null, messageSeq, null, null, null, null, null, null);
  }

  public static ChainEntry membership(
      long seq, String conversationId, String userId, String change) {
    return new ChainEntry(
        seq, MEMBERSHIP, conversationId, null, null, null, userId, change, null, null, null, null);
  }

  public static ChainEntry edit(
      long seq,
      String conversationId,
      long messageSeq,
      Map<String, Object> content,
      OffsetDateTime editedAt) {
    return new ChainEntry(
        seq,
        EDIT,
        conversationId,
        null,
        null,
        messageSeq,
        null,
        null,
        content,
        editedAt,
        null,
        null);
  }

  public static ChainEntry reaction(
      long seq,
      String conversationId,
      long messageSeq,
      String userId,
      String reaction,
      String change) {
    return new ChainEntry(
        seq,
        REACTION,
        conversationId,
        null,
        null,
        messageSeq,
        userId,
        change,
        null,
        null,
        reaction,
        null);
  }

  public boolean is(String kind) {
    return kind.equals(this.kind);
  }
}
