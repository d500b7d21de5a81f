package dev.chain.im.protocol;

/** {@code POST /v1/dev/tokens}: a token for any user, on local stacks and demos only. */
public final class DevToken {
  private DevToken() {}

  public record Request(String userId) {}

  public record Response(String token) {}
}
