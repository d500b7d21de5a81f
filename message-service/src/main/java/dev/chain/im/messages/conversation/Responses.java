package dev.chain.im.messages.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Response bodies of the conversation calls. */
public final class Responses {
  private Responses() {}

  public record Conversation(
      String id,
      String ownerId,
      String access,
      String history,
      long lastSeq,
      List<String> members) {}

  public record Membership(String conversationId, String userId, boolean member, boolean changed) {}

  public record Sent(Message message) {}

  public record Page(
      String conversationId, List<Message> messages, long readSeq, long lastSeq, boolean hasMore) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Summary(
      String id,
      String access,
      String history,
      long lastSeq,
      long readSeq,
      long unread,
      Message lastMessage) {}

  public record Summaries(List<Summary> conversations) {}

  public record Read(String conversationId, long readSeq) {}

  public record Recalled(String conversationId, long messageSeq, String state) {}
}
