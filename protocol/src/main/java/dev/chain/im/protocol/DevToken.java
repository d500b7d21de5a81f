package dev.chain.im.protocol;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v1/dev/tokens}: a token for any user, on local stacks and demos only. */
public final class DevToken {
  private DevToken() {}

  @Schema(name = "DevTokenRequest", requiredProperties = "userId")
  public record Request(String userId) {}

  @Schema(name = "DevToken", requiredProperties = "token")
  public record Response(String token) {}
}
