package dev.chain.im.messages.route;

import dev.chain.im.messages.identity.CurrentUser;
import dev.chain.im.protocol.push.Route;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Where the caller's devices open their WebSocket. */
@Path("/v1/route")
@Authenticated
public class RouteResource {
  private final GatewayDirectory gateways;
  private final CurrentUser user;

  public RouteResource(GatewayDirectory gateways, CurrentUser user) {
    this.gateways = gateways;
    this.user = user;
  }

  @GET
  @Operation(summary = "The WebSocket URL of the push-gateway that serves the caller")
  public Uni<Route> route() {
    return gateways.route(user.id());
  }
}
