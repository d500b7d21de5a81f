package dev.chain.im.messages.web;

import dev.chain.im.messages.config.ImConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * What the chat page needs to know before it signs in: where the push-gateway listens, and how long
 * a message may be edited.
 */
@Path("/v1/web/config")
@PermitAll
public class WebConfigResource {
  /** {@code gatewayUrl} is null when unset: the page then uses its own host on port 8081. */
  public record WebConfig(String gatewayUrl, long editWindowSeconds) {}

  private final WebConfig config;

  public WebConfigResource(ImConfig config) {
    this.config =
        new WebConfig(config.web().gatewayUrl().orElse(null), config.edit().window().toSeconds());
  }

  @GET
  @Operation(summary = "The chat page's settings: the push-gateway WebSocket URL, the edit window")
  public WebConfig get() {
    return config;
  }
}
