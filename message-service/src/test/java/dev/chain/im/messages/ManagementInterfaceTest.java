package dev.chain.im.messages;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * In the production profile, metrics, health, OpenAPI and Swagger UI are not on the public port:
 * they are on the management interface, which an operator keeps off the internet.
 */
@QuarkusTest
@TestProfile(ManagementInterfaceTest.Production.class)
class ManagementInterfaceTest extends ApiTestBase {
  public static class Production implements QuarkusTestProfile {
    @Override
    public String getConfigProfile() {
      return "prod";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
      // Production trusts only a configured key; the test's tokens are signed with the dev one.
      return Map.of(
          "mp.jwt.verify.publickey.location", "dev-keys/public.pem",
          "mp.jwt.verify.issuer", "im-dev");
    }
  }

  @Test
  void operatorEndpointsAreNotOnThePublicPort() {
    for (String path :
        new String[] {"/q/metrics", "/q/health/ready", "/q/openapi", "/q/swagger-ui"}) {
      given().get(path).then().statusCode(404);
    }
    given().get("/v1/sync").then().statusCode(401);
  }
}
