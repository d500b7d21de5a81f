package dev.chain.im.push.auth;

import dev.chain.im.protocol.Ids;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Tells who asks to upgrade. Authentication is proactive, so Quarkus has already answered 401 for a
 * token that does not verify; this refuses a missing token and a subject that is not a user id, and
 * keeps of the identity only what a connection needs (its user and when its token expires).
 */
@ApplicationScoped
public class UpgradeAuthentication {
  private static final Logger LOG = Logger.getLogger(UpgradeAuthentication.class);

  public Uni<Caller> caller(RoutingContext context) {
    Uni<SecurityIdentity> identity = context.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
    if (identity == null) {
      return Uni.createFrom().item(new Caller.Refused(null));
    }
    return identity.onItemOrFailure().transform(UpgradeAuthentication::caller);
  }

  private static Caller caller(SecurityIdentity identity, Throwable failure) {
    if (failure != null) {
      LOG.debugf("WebSocket upgrade refused: %s", failure.getMessage());
      return new Caller.Refused("invalid_token");
    }
    if (identity == null
        || identity.isAnonymous()
        || !(identity.getPrincipal() instanceof JsonWebToken token)) {
      return new Caller.Refused(null);
    }
    String subject = token.getSubject();
    if (!Ids.isUserId(subject)) {
      LOG.debugf("WebSocket upgrade refused: subject %s is not a user id", subject);
      return new Caller.Refused("invalid_token");
    }
    return new Caller.User(subject, token.getExpirationTime());
  }
}
