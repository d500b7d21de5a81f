package dev.chain.im.messages.identity;

import dev.chain.im.messages.config.ImConfig;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The token parser, remembering tokens it has verified until they expire. A client sends the same
 * token with every request, and verifying its RS256 signature was the largest single cost of a
 * request. Only verified tokens are remembered, each no longer than its own expiry; a full cache is
 * emptied rather than grown.
 */
@Singleton
@Alternative
@Priority(1)
public class VerifiedTokens extends DefaultJWTParser {
  private final ConcurrentHashMap<String, JsonWebToken> verified = new ConcurrentHashMap<>();
  private final int capacity;

  @Inject
  public VerifiedTokens(JWTAuthContextInfo authContext, ImConfig config) {
    this(authContext, config.auth().verifiedTokens());
  }

  VerifiedTokens(JWTAuthContextInfo authContext, int capacity) {
    super(authContext);
    this.capacity = capacity;
  }

  @Override
  public JsonWebToken parse(String token) throws ParseException {
    JsonWebToken known = verified.get(token);
    if (known != null) {
      if (known.getExpirationTime() > System.currentTimeMillis() / 1000) {
        return known;
      }
      verified.remove(token);
    }
    JsonWebToken parsed = super.parse(token);
    if (capacity > 0) {
      if (verified.size() >= capacity) {
        verified.clear();
      }
      verified.put(token, parsed);
    }
    return parsed;
  }
}
