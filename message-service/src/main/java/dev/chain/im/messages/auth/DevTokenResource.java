package dev.chain.im.messages.auth;

import dev.chain.im.messages.config.ImConfig;
import dev.chain.im.messages.identity.RequiredIds;
import dev.chain.im.messages.problem.ProblemException;
import dev.chain.im.protocol.DevToken;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Hands out tokens for any user: for local stacks and demos only, off by default. */
@Path("/v1/dev/tokens")
@PermitAll
public class DevTokenResource {
  private final ImConfig.Auth.DevTokens config;

  public DevTokenResource(ImConfig config) {
    this.config = config.auth().devTokens();
  }

  @POST
  @Operation(summary = "Get a token for any user (only while im.auth.dev-tokens.enabled=true)")
  public DevToken.Response issue(DevToken.Request request) {
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
