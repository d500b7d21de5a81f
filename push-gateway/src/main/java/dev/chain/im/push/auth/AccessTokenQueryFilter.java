package dev.chain.im.push.auth;

import dev.chain.im.protocol.push.PushEndpoint;
import dev.chain.im.push.config.PushConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Lets a browser, which cannot set headers on a WebSocket, carry its token as {@code
 * /v1/ws?access_token=…}: the token becomes the request's {@code Authorization: Bearer} header
 * before authentication runs. A header the client did send wins.
 */
@ApplicationScoped
public class AccessTokenQueryFilter {
  /** Ahead of Quarkus's authentication (200), like the subprotocol carrier (220). */
  static final int PRIORITY = 230;

  void register(@Observes Filters filters, PushConfig config) {
    if (config.accessTokenQueryEnabled()) {
      filters.register(AccessTokenQueryFilter::handle, PRIORITY);
    }
  }

  static void handle(RoutingContext context) {
    HttpServerRequest request = context.request();
    if (PushEndpoint.PATH.equals(request.path())
        && request.query() != null
        && !request.headers().contains(HttpHeaders.AUTHORIZATION)) {
      String token = request.getParam(PushEndpoint.ACCESS_TOKEN_PARAMETER);
      if (token != null && !token.isBlank()) {
        request.headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token.trim());
      }
    }
    context.next();
  }
}
