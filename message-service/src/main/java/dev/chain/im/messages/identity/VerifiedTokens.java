package dev.chain.im.messages.identity;

import dev.chain.im.messages.config.ImConfig;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
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
  private final Clock clock;

  @Inject
  public VerifiedTokens(JWTAuthContextInfo authContext, ImConfig config, Clock clock) {
    this(authContext, config.auth().verifiedTokens(), clock);
  }

  VerifiedTokens(JWTAuthContextInfo authContext, int capacity, Clock clock) {
    super(authContext);
    this.capacity = capacity;
    this.clock = clock;
  }

  @Override
  public JsonWebToken parse(String token) throws ParseException {
    JsonWebToken known = verified.get(token);
    if (known != null) {
      if (known.getExpirationTime() > clock.instant().getEpochSecond()) {
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
