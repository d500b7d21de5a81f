package dev.chain.im.messages;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * By default a self-join of an unknown id is a 404 and creates nothing, so nobody squats an id by
 * guessing it first; the tests and the demo turn create-on-join on, as in the tutorial.
 */
@QuarkusTest
@TestProfile(CreateOnJoinOffTest.AsInProduction.class)
class CreateOnJoinOffTest extends ApiTestBase {
  public static class AsInProduction implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("im.conversations.create-on-join", "false");
    }
  }

  @Test
  void aSelfJoinOfAnUnknownIdIsRefusedAndCreatesNothing() {
    String mallory = id("mallory"), conversation = id("team");

    as(mallory)
        .put("/v1/conversations/{cid}/members/{uid}", conversation, mallory)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");

    as(mallory).get("/v1/conversations/{cid}", conversation).then().statusCode(404);
    create(id("alice"), conversation, Map.of());
  }
}
