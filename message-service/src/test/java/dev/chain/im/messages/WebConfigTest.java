package dev.chain.im.messages;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.chain.im.messages.config.ImConfig;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The chat page's settings: asked before sign-in, so without a token. */
@QuarkusTest
class WebConfigTest extends ApiTestBase {
  @Inject ImConfig config;

  @Test
  void thePageLearnsTheGatewayAndTheEditAndRecallWindows() {
    given()
        .get("/v1/web/config")
        .then()
        .statusCode(200)
        .body("gatewayUrl", nullValue())
        .body("editWindowSeconds", equalTo((int) config.edit().window().toSeconds()))
        .body("recallWindowSeconds", equalTo((int) config.recall().window().toSeconds()))
        .body("recallWindowSeconds", equalTo(3)); // %test.im.recall.window
  }
}
