package dev.chain.im.messages.identity;

import dev.chain.im.messages.problem.ProblemException;
import dev.chain.im.protocol.Ids;

/** Refuses, as a 400 problem, an id that breaks the protocol's rules ({@link Ids}). */
public final class RequiredIds {
  private RequiredIds() {}

  public static String userId(String value) {
    if (!Ids.isUserId(value)) {
      throw ProblemException.badRequest(
          "A user id is " + Ids.USER_ID_RULE + ", got: " + quote(value));
    }
    return value;
  }

  public static String conversationId(String value) {
    if (!Ids.isConversationId(value)) {
      throw ProblemException.badRequest(
          "A conversation id is " + Ids.CONVERSATION_ID_RULE + ", got: " + quote(value));
    }
    return value;
  }

  private static String quote(String value) {
    if (value == null) {
      return "nothing";
    }
    String shown = value.length() > 140 ? value.substring(0, 140) + "…" : value;
    return "'" + shown + "'";
  }
}
