package dev.chain.im.messages.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Request bodies of the conversation calls. */
public final class Requests {
  private Requests() {}

  public record Create(String id, List<String> members, String access, String history) {}

  public record Send(String clientMsgId, JsonNode content) {}

  public record MarkRead(Long seq) {}
}
