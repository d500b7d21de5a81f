package dev.chain.im.messages;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Metrics, the OpenAPI document and Swagger UI are on the management port, not on the public one;
 * health stays public for load balancers and container health checks.
 */
@QuarkusTest
class ManagementInterfaceTest extends ApiTestBase {

  @Test
  void operatorEndpointsAreOnTheManagementPortOnly() {
    for (String path : new String[] {"/q/metrics", "/q/openapi", "/q/swagger-ui/"}) {
      given().get(path).then().statusCode(404);
    }
    var management = given().baseUri(managementBase()).port(-1);
    management.get("/q/metrics").then().statusCode(200).body(containsString("http_server"));
    management
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/v1/conversations/{cid}/messages"));
    management.get("/q/swagger-ui/").then().statusCode(200);
  }

  @Test
  void healthStaysOnThePublicPort() {
    given().get("/q/health/ready").then().statusCode(200).body(containsString("UP"));
  }
}
