package dev.chain.im.messages.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chain.im.messages.MovableClock;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** The remembered-token parser: verifies once, answers from memory, and never past expiry. */
class VerifiedTokensTest {
  private final KeyPair keys = rsa();
  private final MovableClock clock = new MovableClock();
  private final VerifiedTokens parser = new VerifiedTokens(strict(), 2, clock);

  @Test
  void aVerifiedTokenIsRememberedUntilItExpires() throws Exception {
    String token = sign("alice", Instant.now().plusSeconds(60));
    JsonWebToken first = parser.parse(token);
    assertThat(parser.parse(token)).isSameAs(first);
    assertThat(first.getSubject()).isEqualTo("alice");

    clock.advance(Duration.ofSeconds(61));
    assertThat(parser.parse(token)).as("verified again once expired").isNotSameAs(first);
  }

  @Test
  void aBadTokenIsNeverRemembered() {
    String token = sign("mallory", Instant.now().plusSeconds(60));
    int signature = token.lastIndexOf('.') + 1;
    char first = token.charAt(signature);
    String forged =
        token.substring(0, signature) + (first == 'A' ? 'B' : 'A') + token.substring(signature + 1);
    assertThatThrownBy(() -> parser.parse(forged)).isInstanceOf(ParseException.class);
    assertThatThrownBy(() -> parser.parse(forged)).isInstanceOf(ParseException.class);
  }

  @Test
  void aFullCacheStartsOver() throws Exception {
    String a = sign("a", Instant.now().plusSeconds(60));
    String b = sign("b", Instant.now().plusSeconds(60));
    String c = sign("c", Instant.now().plusSeconds(60));
    JsonWebToken first = parser.parse(a);
    parser.parse(b);
    parser.parse(c);
    assertThat(parser.parse(a)).isNotSameAs(first);
  }

  private String sign(String subject, Instant expiresAt) {
    return Jwt.issuer("test").subject(subject).expiresAt(expiresAt).sign(keys.getPrivate());
  }

  private JWTAuthContextInfo strict() {
    JWTAuthContextInfo info = new JWTAuthContextInfo(keys.getPublic(), "test");
    info.setClockSkew(0);
    info.setExpGracePeriodSecs(0);
    return info;
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
