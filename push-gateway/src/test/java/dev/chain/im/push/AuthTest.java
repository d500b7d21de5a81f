package dev.chain.im.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The upgrade is refused with 401 unless it carries a valid token of a valid user. */
@QuarkusTest
class AuthTest extends PushTestBase {

  @Test
  void noToken() {
    assertThat(TestSocket.refusedStatus(wsUri(), builder -> {})).isEqualTo(401);
  }

  @Test
  void notAToken() {
    assertThat(TestSocket.refusedStatus(wsUri(), bearer("not-a-jwt"))).isEqualTo(401);
    assertThat(TestSocket.refusedStatus(wsUri("not-a-jwt"), builder -> {})).isEqualTo(401);
  }

  @Test
  void badSignature() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair otherKey = generator.generateKeyPair();
    String forged =
        Jwt.issuer("im-dev")
            .audience("im")
            .subject(user("mallory"))
            .expiresIn(Duration.ofHours(1))
            .sign(otherKey.getPrivate());

    assertThat(TestSocket.refusedStatus(wsUri(), bearer(forged))).isEqualTo(401);
    assertThat(TestSocket.refusedStatus(wsUri(forged), builder -> {})).isEqualTo(401);
  }

  @Test
  void expiredToken() {
    Instant now = Instant.now();
    String expired =
        Jwt.issuer("im-dev")
            .audience("im")
            .subject(user("alice"))
            .issuedAt(now.minusSeconds(7200))
            .expiresAt(now.minusSeconds(3600))
            .sign();

    assertThat(TestSocket.refusedStatus(wsUri(), bearer(expired))).isEqualTo(401);
  }

  @Test
  void otherIssuer() {
    String token =
        Jwt.issuer("someone-else")
            .audience("im")
            .subject(user("alice"))
            .expiresIn(Duration.ofHours(1))
            .sign();

    assertThat(TestSocket.refusedStatus(wsUri(), bearer(token))).isEqualTo(401);
  }

  @Test
  void otherAudience() {
    String token =
        Jwt.issuer("im-dev")
            .audience("another-app")
            .subject(user("alice"))
            .expiresIn(Duration.ofHours(1))
            .sign();

    assertThat(TestSocket.refusedStatus(wsUri(), bearer(token))).isEqualTo(401);
  }

  @Test
  void subjectThatIsNotAUserId() {
    String token =
        Jwt.issuer("im-dev")
            .audience("im")
            .subject("not a user!")
            .expiresIn(Duration.ofHours(1))
            .sign();

    assertThat(TestSocket.refusedStatus(wsUri(), bearer(token))).isEqualTo(401);
  }

  @Test
  void theConnectionClosesWhenItsTokenExpires() throws Exception {
    String alice = user("alice");
    String shortLived =
        Jwt.issuer("im-dev").audience("im").subject(alice).expiresIn(Duration.ofSeconds(3)).sign();
    TestSocket socket = TestSocket.open(wsUri(), bearer(shortLived));
    assertThat(socket.nextJson().get("type").asText()).isEqualTo("hello");

    assertThat(socket.closed.get(20, TimeUnit.SECONDS)).isEqualTo(1008);
    assertThat(socket.closeReason()).isEqualTo("Token expired");
  }
}
