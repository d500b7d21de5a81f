package dev.chain.im.push.auth;

import java.util.regex.Pattern;

/** The shape of a user id, as the protocol defines it: 1-64 of {@code A-Z a-z 0-9 _ . @ -}. */
public final class UserIds {
  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

  private UserIds() {}

  public static boolean isValid(String value) {
    return value != null && USER_ID.matcher(value).matches();
  }
}
