package dev.chain.im.messages.web;

import dev.chain.im.messages.config.ImConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the chat page needs to know before it signs in: where the push-gateway listens, and how long
 * a sender may edit and recall a message.
 */
@Path("/v1/web/config")
@PermitAll
public class WebConfigResource {
  /** {@code gatewayUrl} is null when unset: the page then uses its own host on port 8081. */
  @Schema(requiredProperties = {"gatewayUrl", "editWindowSeconds", "recallWindowSeconds"})
  public record WebConfig(
      @Schema(nullable = true) String gatewayUrl,
      long editWindowSeconds,
      long recallWindowSeconds) {}

  private final WebConfig config;

  public WebConfigResource(ImConfig config) {
    this.config =
        new WebConfig(
            config.web().gatewayUrl().orElse(null),
            config.edit().window().toSeconds(),
            config.recall().window().toSeconds());
  }

  @GET
  @Tag(name = "Settings")
  @Operation(
      operationId = "webConfig",
      summary = "The chat page's settings: the push-gateway WebSocket URL, the edit window")
  @APIResponse(
      responseCode = "200",
      description = "The settings.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = WebConfig.class)))
  public WebConfig get() {
    return config;
  }
}
