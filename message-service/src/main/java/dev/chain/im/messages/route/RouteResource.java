package dev.chain.im.messages.route;

import dev.chain.im.messages.identity.CurrentUser;
import dev.chain.im.protocol.push.Route;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where the caller's devices open their WebSocket. */
@Path("/v1/route")
@Authenticated
@SecurityRequirement(name = "bearer")
public class RouteResource {
  private final GatewayDirectory gateways;
  private final CurrentUser user;

  public RouteResource(GatewayDirectory gateways, CurrentUser user) {
    this.gateways = gateways;
    this.user = user;
  }

  @GET
  @Tag(name = "Sync")
  @Operation(
      operationId = "route",
      summary = "The WebSocket URL of the push-gateway that serves the caller")
  @APIResponse(
      responseCode = "200",
      description = "Where to connect.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Route.class)))
  @APIResponse(
      responseCode = "503",
      description = "No gateway serves the caller right now (a rebalance); see Retry-After.")
  public Uni<Route> route() {
    return gateways.route(user.id());
  }
}
