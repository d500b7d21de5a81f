package dev.chain.im.push.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chain.im.protocol.Problem;
import dev.chain.im.protocol.push.PushEndpoint;
import dev.chain.im.push.auth.Caller;
import dev.chain.im.push.auth.UpgradeAuthentication;
import dev.chain.im.push.config.PushConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * {@code GET /v1/ws}: one WebSocket per device, on Vert.x's own socket. After the upgrade the
 * connection keeps its socket, its user and its token's expiry, and nothing of the HTTP request
 * (docs/benchmarks.md, "Idle connections"). The first frame is {@code hello}, then one {@code
 * entry} frame per entry written on the user's chain ({@link Connections}). The gateway reads
 * nothing from clients but control frames.
 */
@ApplicationScoped
public class PushRoute {
  private static final Logger LOG = Logger.getLogger(PushRoute.class);

  /** How long a user with too many connections is told to wait before trying again. */
  private static final int RETRY_AFTER_SECONDS = 10;

  private final UpgradeAuthentication authentication;
  private final Connections connections;
  private final PushConfig config;
  private final ObjectMapper json;

  public PushRoute(
      UpgradeAuthentication authentication,
      Connections connections,
      PushConfig config,
      ObjectMapper json) {
    this.authentication = authentication;
    this.connections = connections;
    this.config = config;
    this.json = json;
  }

  void register(@Observes Router router) {
    router.get(PushEndpoint.PATH).handler(this::upgrade);
  }

  private void upgrade(RoutingContext context) {
    HttpServerRequest request = context.request();
    if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
      context.response().putHeader(HttpHeaders.UPGRADE, "websocket");
      refuse(context, 426, "Upgrade Required", "Open a WebSocket here (Upgrade: websocket).");
      return;
    }
    authentication
        .caller(context)
        .subscribe()
        .with(caller -> admit(context, caller), failure -> context.fail(failure));
  }

  private void admit(RoutingContext context, Caller caller) {
    if (caller instanceof Caller.Refused refused) {
      context.response().putHeader("WWW-Authenticate", refused.challenge());
      refuse(context, 401, "Unauthorized", "Connect with a valid access token.");
      return;
    }
    Caller.User user = (Caller.User) caller;
    if (connections.count(user.userId()) >= config.maxConnectionsPerUser()) {
      LOG.debugf("WebSocket upgrade refused: %s has too many connections", user.userId());
      context.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
      refuse(
          context,
          429,
          "Too Many Requests",
          "This user has "
              + config.maxConnectionsPerUser()
              + " connections open on this gateway: close one, or try again later.");
      return;
    }
    context
        .request()
        .toWebSocket()
        .onSuccess(
            socket -> {
              socket.headers().clear(); // the handshake's headers, token included, are not needed
              socket.handler(ignored -> {});
              connections.opened(socket, user.userId(), user.tokenExpiresAt());
            })
        .onFailure(failure -> LOG.debugf("WebSocket upgrade failed: %s", failure.getMessage()));
  }

  private void refuse(RoutingContext context, int status, String title, String detail) {
    HttpServerResponse response = context.response().setStatusCode(status);
    Problem problem = new Problem("about:blank", title, status, detail, PushEndpoint.PATH);
    try {
      response
          .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
          .end(json.writeValueAsString(problem));
    } catch (JsonProcessingException e) {
      response.end();
    }
  }
}
