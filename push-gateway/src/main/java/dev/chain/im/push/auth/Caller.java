package dev.chain.im.push.auth;

/**
 * Who asks to upgrade, as authentication found it: a user with a valid token, or someone to answer
 * 401 with a {@code WWW-Authenticate} challenge.
 */
public sealed interface Caller {

  /**
   * A valid token whose subject is a user id; {@code tokenExpiresAt} in epoch seconds, 0 if none.
   */
  record User(String userId, long tokenExpiresAt) implements Caller {}

  /** No token, or one that is not acceptable ({@code error} {@code invalid_token}, else null). */
  record Refused(String error) implements Caller {
    /** The {@code WWW-Authenticate} header's value (RFC 6750). */
    public String challenge() {
      return error == null ? "Bearer" : "Bearer error=\"" + error + "\"";
    }
  }
}
