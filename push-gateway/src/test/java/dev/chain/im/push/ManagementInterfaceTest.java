package dev.chain.im.push;

import static io.restassured.RestAssured.given;

import dev.chain.im.testsupport.KafkaResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** In the production profile the gateway's metrics and health are off the public port. */
@QuarkusTest
@TestProfile(ManagementInterfaceTest.Production.class)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class ManagementInterfaceTest {
  public static class Production implements QuarkusTestProfile {
    @Override
    public String getConfigProfile() {
      return "prod";
    }
  }

  @Test
  void metricsAndHealthAreNotOnThePublicPort() {
    given().get("/q/metrics").then().statusCode(404);
    given().get("/q/health/ready").then().statusCode(404);
  }
}
