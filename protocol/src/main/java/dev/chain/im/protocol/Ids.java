package dev.chain.im.protocol;

import java.util.regex.Pattern;

/** The shapes of user and conversation ids. Both services and every client check the same ones. */
public final class Ids {
  /** 1-64 of {@code A-Z a-z 0-9 _ . @ -}. */
  public static final String USER_ID_RULE = "1-64 characters of A-Z a-z 0-9 _ . @ -";

  /** 1-128 of {@code A-Z a-z 0-9 _ . : @ -}: the tutorial's {@code 1:2:3} style is valid. */
  public static final String CONVERSATION_ID_RULE = "1-128 characters of A-Z a-z 0-9 _ . : @ -";

  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
  private static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,128}");

  private Ids() {}

  public static boolean isUserId(String value) {
    return value != null && USER_ID.matcher(value).matches();
  }

  public static boolean isConversationId(String value) {
    return value != null && CONVERSATION_ID.matcher(value).matches();
  }
}
