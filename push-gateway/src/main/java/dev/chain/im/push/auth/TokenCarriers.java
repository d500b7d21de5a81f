package dev.chain.im.push.auth;

import dev.chain.im.protocol.push.PushEndpoint;
import dev.chain.im.push.config.PushConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Lets a browser, which cannot set headers on a WebSocket, carry its token: as the subprotocol
 * {@code quarkus-http-upgrade#Authorization#Bearer <token>} (URL-encoded, offered next to {@link
 * PushEndpoint#TOKEN_SUBPROTOCOL}) or as {@code /v1/ws?access_token=…}. The token becomes the
 * request's {@code Authorization} header before authentication runs. A header the client did send
 * wins, then the subprotocol, then the query.
 */
@ApplicationScoped
public class TokenCarriers {
  /** Ahead of Quarkus's authentication (200). */
  static final int PRIORITY = 230;

  void register(@Observes Filters filters, PushConfig config) {
    boolean queryEnabled = config.accessTokenQueryEnabled();
    filters.register(context -> carry(context, queryEnabled), PRIORITY);
  }

  static void carry(RoutingContext context, boolean queryEnabled) {
    HttpServerRequest request = context.request();
    if (PushEndpoint.PATH.equals(request.path())
        && !request.headers().contains(HttpHeaders.AUTHORIZATION)) {
      String authorization = fromSubprotocols(request);
      if (authorization == null && queryEnabled) {
        authorization = fromQuery(request);
      }
      if (authorization != null) {
        request.headers().set(HttpHeaders.AUTHORIZATION, authorization);
      }
    }
    context.next();
  }

  private static String fromSubprotocols(HttpServerRequest request) {
    for (String offered : request.headers().getAll("Sec-WebSocket-Protocol")) {
      for (String subprotocol : offered.split(",")) {
        String decoded = URLDecoder.decode(subprotocol.trim(), StandardCharsets.UTF_8);
        if (decoded.startsWith(PushEndpoint.TOKEN_SUBPROTOCOL_HEADER)) {
          return decoded.substring(PushEndpoint.TOKEN_SUBPROTOCOL_HEADER.length()).trim();
        }
      }
    }
    return null;
  }

  private static String fromQuery(HttpServerRequest request) {
    if (request.query() == null) {
      return null;
    }
    String token = request.getParam(PushEndpoint.ACCESS_TOKEN_PARAMETER);
    return token == null || token.isBlank() ? null : "Bearer " + token.trim();
  }
}
