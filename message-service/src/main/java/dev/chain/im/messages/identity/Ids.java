package dev.chain.im.messages.identity;

import dev.chain.im.messages.problem.ProblemException;
import java.util.regex.Pattern;

/** The shapes of user and conversation ids, as the protocol defines them. */
public final class Ids {
  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
  private static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,128}");

  private Ids() {}

  public static boolean isUserId(String value) {
    return value != null && USER_ID.matcher(value).matches();
  }

  public static String requireUserId(String value) {
    if (!isUserId(value)) {
      throw ProblemException.badRequest(
          "A user id is 1-64 characters of A-Z a-z 0-9 _ . @ -, got: " + quote(value));
    }
    return value;
  }

  public static String requireConversationId(String value) {
    if (value == null || !CONVERSATION_ID.matcher(value).matches()) {
      throw ProblemException.badRequest(
          "A conversation id is 1-128 characters of A-Z a-z 0-9 _ . : @ -, got: " + quote(value));
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
