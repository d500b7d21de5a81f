package dev.chain.im.messages.identity;

import dev.chain.im.protocol.Ids;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller: the subject of the verified bearer token. */
@RequestScoped
public class CurrentUser {
  @Inject JsonWebToken token;

  public String id() {
    String subject = token.getSubject();
    if (!Ids.isUserId(subject)) {
      throw new UnauthorizedException("token subject is not a valid user id");
    }
    return subject;
  }
}
