package dev.chain.im.messages.auth;

import dev.chain.im.messages.config.ImConfig;
import dev.chain.im.messages.identity.RequiredIds;
import dev.chain.im.messages.problem.ProblemException;
import dev.chain.im.protocol.DevToken;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Hands out tokens for any user: for local stacks and demos only, off by default. */
@Path("/v1/dev/tokens")
@PermitAll
public class DevTokenResource {
  private final ImConfig.Auth.DevTokens config;

  public DevTokenResource(ImConfig config) {
    this.config = config.auth().devTokens();
  }

  @POST
  @Tag(name = "Development")
  @Operation(
      operationId = "issueDevToken",
      summary = "Get a token for any user (only while im.auth.dev-tokens.enabled=true)")
  @APIResponse(
      responseCode = "200",
      description = "A signed token for the user.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DevToken.Response.class)))
  @APIResponse(responseCode = "404", description = "Dev tokens are off.")
  public DevToken.Response issue(@RequestBody(required = true) DevToken.Request request) {
    if (!config.enabled()) {
      throw ProblemException.notFound(
          "Dev tokens are off. Set im.auth.dev-tokens.enabled=true (env IM_AUTH_DEV_TOKENS_ENABLED)"
              + " to use them, or bring a token from your identity provider.");
    }
    if (request == null) {
      throw ProblemException.badRequest("Send {\"userId\":\"…\"}.");
    }
    String userId = RequiredIds.userId(request.userId());
    String token =
        Jwt.issuer(config.issuer())
            .audience(config.audience())
            .subject(userId)
            .upn(userId)
            .expiresIn(config.lifetime())
            .sign();
    return new DevToken.Response(token);
  }
}
