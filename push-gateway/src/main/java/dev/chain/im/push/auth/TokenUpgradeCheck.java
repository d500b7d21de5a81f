package dev.chain.im.push.auth;

import dev.chain.im.protocol.Ids;
import dev.chain.im.push.config.PushConfig;
import dev.chain.im.push.connection.Connections;
import dev.chain.im.push.connection.UpgradeData;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Admits a WebSocket upgrade only with a valid token whose subject is a valid user id; anything
 * else is answered with 401 before the upgrade. The token comes from the {@code Authorization:
 * Bearer} header, which the subprotocol carrier and {@link AccessTokenQueryFilter} fill in for
 * clients that cannot set it. Authentication is proactive, so Quarkus has already answered 401 for
 * a token that does not verify; this check refuses a missing token and a subject that is not a user
 * id, answers 429 to a user who already has {@code im.push.max-connections-per-user} connections
 * open here, and keeps what the connection needs in its user data.
 */
@ApplicationScoped
public class TokenUpgradeCheck implements HttpUpgradeCheck {
  private static final Logger LOG = Logger.getLogger(TokenUpgradeCheck.class);

  /** How long a user with too many connections is told to wait before trying again. */
  private static final int RETRY_AFTER_SECONDS = 10;

  private final Connections connections;
  private final PushConfig config;

  public TokenUpgradeCheck(Connections connections, PushConfig config) {
    this.connections = connections;
    this.config = config;
  }

  @Override
  public Uni<CheckResult> perform(HttpUpgradeContext context) {
    Uni<SecurityIdentity> identity = context.securityIdentity();
    if (identity == null) {
      return CheckResult.rejectUpgrade(401, challenge(null));
    }
    return identity
        .onItemOrFailure()
        .transform(
            (found, failure) -> {
              if (failure != null) {
                LOG.debugf("WebSocket upgrade refused: %s", failure.getMessage());
                return reject("invalid_token");
              }
              if (found == null
                  || found.isAnonymous()
                  || !(found.getPrincipal() instanceof JsonWebToken token)) {
                return reject(null);
              }
              String subject = token.getSubject();
              if (!Ids.isUserId(subject)) {
                LOG.debugf("WebSocket upgrade refused: subject %s is not a user id", subject);
                return reject("invalid_token");
              }
              if (connections.count(subject) >= config.maxConnectionsPerUser()) {
                LOG.debugf("WebSocket upgrade refused: %s has too many connections", subject);
                return CheckResult.rejectUpgradeSync(
                    429, Map.of("Retry-After", List.of(String.valueOf(RETRY_AFTER_SECONDS))));
              }
              context.userData().put(UpgradeData.USER_ID, subject);
              context.userData().put(UpgradeData.TOKEN_EXPIRES_AT, token.getExpirationTime());
              return CheckResult.permitUpgradeSync();
            });
  }

  private static CheckResult reject(String error) {
    return CheckResult.rejectUpgradeSync(401, challenge(error));
  }

  private static Map<String, List<String>> challenge(String error) {
    String value = error == null ? "Bearer" : "Bearer error=\"" + error + "\"";
    return Map.of("WWW-Authenticate", List.of(value));
  }
}
