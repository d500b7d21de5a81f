package dev.chain.im.messages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every refusal: the status, an application/problem+json body that says what to do, and no change
 * to any chain.
 */
@QuarkusTest
class BadInputTest extends ApiTestBase {
  private String alice;
  private String bob;
  private String outsider;
  private String conversation;

  @BeforeEach
  void conversationWithOneMessage() {
    alice = id("alice");
    bob = id("bob");
    outsider = id("outsider");
    conversation = id("bad");
    create(alice, conversation, Map.of("members", List.of(bob)));
    send(alice, conversation, "first");
  }

  @Test
  void badIdsAre400() {
    refused(400, () -> as(alice).put("/v1/conversations/{cid}/members/{uid}", "bad id!", alice));
    refused(
        400,
        () -> as(alice).put("/v1/conversations/{cid}/members/{uid}", conversation, "x".repeat(65)));
    refused(400, () -> as(alice).body(Map.of("id", "c".repeat(129))).post("/v1/conversations"));
    refused(
        400,
        () ->
            as(alice)
                .body(Map.of("id", id("ok"), "members", List.of("no spaces")))
                .post("/v1/conversations"));
  }

  @Test
  void badCreateSettingsAre400AndAnExistingIdIs409() {
    refused(
        400,
        () -> as(alice).body(Map.of("id", id("x"), "access", "public")).post("/v1/conversations"));
    refused(
        400,
        () -> as(alice).body(Map.of("id", id("y"), "history", "all")).post("/v1/conversations"));
    refused(409, () -> as(bob).body(Map.of("id", conversation)).post("/v1/conversations"));
    as(alice).get("/v1/conversations/{cid}", id("x")).then().statusCode(404);
  }

  @Test
  void badMessagesAreRefused() {
    refused(400, () -> as(alice).body(Map.of("content", "just a string")).post(messages()));
    as(alice)
        .body(Map.of("content", "just a string"))
        .post(messages())
        .then()
        .body("detail", equalTo("'content' must be a JSON object."));
    refused(400, () -> as(alice).body(Map.of("clientMsgId", "c")).post(messages()));
    refused(400, () -> as(alice).body("{\"content\": {\"text\": ").post(messages()));
    refused(
        400,
        () ->
            as(alice)
                .body(Map.of("clientMsgId", "c".repeat(129), "content", Map.of("text", "x")))
                .post(messages()));
    refused(
        413,
        () ->
            as(alice).body(Map.of("content", Map.of("text", "x".repeat(16_400)))).post(messages()));
  }

  @Test
  void textThePostgresJsonTypeCannotHoldIs400() {
    String detail =
        refused(
            400,
            () -> as(alice).body("{\"content\":{\"text\":\"nul \\u0000 here\"}}").post(messages()));
    assertThat(detail).contains("NUL character").doesNotContain("unsupported Unicode");
  }

  @Test
  void contentMayNestOnlySoDeep() {
    as(alice).body(Map.of("content", nested(20))).post(messages()).then().statusCode(201);
    assertThat(refused(400, () -> as(alice).body(Map.of("content", nested(21))).post(messages())))
        .contains("21 levels")
        .contains("im.limits.content-depth");
  }

  @Test
  void emptyTextAndControlCharactersInClientMsgIdAreRefused() {
    assertThat(
            refused(
                400, () -> as(alice).body(Map.of("content", Map.of("text", ""))).post(messages())))
        .contains("'content.text' is empty");
    refused(400, () -> as(alice).body(Map.of("content", Map.of("text", "  "))).post(messages()));
    assertThat(
            refused(
                400, () -> as(alice).body(Map.of("content", Map.of("text", 5))).post(messages())))
        .contains("'content.text' must be a string");
    assertThat(
            refused(
                400,
                () ->
                    as(alice)
                        .body(Map.of("clientMsgId", "c\u0001", "content", Map.of("text", "x")))
                        .post(messages())))
        .contains("control characters");
  }

  @Test
  void wrongJsonTypesAndMissingBodiesAreExplained() {
    assertThat(refused(400, () -> as(alice).body("[]").post(messages())))
        .contains("not the JSON this call expects");
    assertThat(refused(400, () -> as(bob).body(Map.of("seq", "x")).post(readPath())))
        .isEqualTo("'seq' must be a number.");
    assertThat(
            refused(
                415,
                () ->
                    given()
                        .auth()
                        .oauth2(token(alice))
                        .contentType("text/plain")
                        .body("hi")
                        .post(messages())))
        .contains("Content-Type: application/json");
  }

  @Test
  void contentAtTheLimitIsAccepted() {
    String text = "x".repeat(16_384 - "{\"text\":\"\"}".length());
    as(alice).body(Map.of("content", Map.of("text", text))).post(messages()).then().statusCode(201);
  }

  @Test
  void badPagingIs400() {
    refused(400, () -> as(alice).queryParam("limit", 0).get("/v1/sync"));
    refused(400, () -> as(alice).queryParam("limit", 100_000).get("/v1/sync"));
    refused(400, () -> as(alice).queryParam("after", -1).get("/v1/sync"));
    refused(400, () -> as(alice).queryParam("after", "abc").get(messages()));
    refused(400, () -> as(alice).queryParam("after", 1).queryParam("before", 3).get(messages()));
  }

  @Test
  void outsidersAreRefused() {
    refused(403, () -> as(outsider).body(Map.of("content", Map.of("text", "hi"))).post(messages()));
    refused(403, () -> as(outsider).get(messages()));
    refused(
        403,
        () -> as(outsider).body(Map.of("seq", 1)).post(messages().replace("messages", "read")));
    refused(
        403, () -> as(bob).delete("/v1/conversations/{cid}/members/{uid}", conversation, alice));
    refused(
        404,
        () ->
            as(alice)
                .body(Map.of("content", Map.of("text", "hi")))
                .post("/v1/conversations/{cid}/messages", id("nowhere")));
  }

  @Test
  void anInviteOnlyConversationCannotBeJoinedFromOutside() {
    String closed = id("closed");
    create(alice, closed, Map.of("access", "invite"));
    refused(403, () -> as(outsider).put("/v1/conversations/{cid}/members/{uid}", closed, outsider));
    as(alice).put("/v1/conversations/{cid}/members/{uid}", closed, outsider).then().statusCode(200);
    as(outsider).get("/v1/conversations/{cid}/messages", closed).then().statusCode(200);
  }

  @Test
  void markReadNeedsASeq() {
    refused(400, () -> as(bob).body(Map.of()).post(readPath()));
    refused(400, () -> as(bob).body(Map.of("seq", -4)).post(readPath()));
  }

  @Test
  void missingMalformedExpiredAndForeignTokensAre401() {
    Supplier<String> path = () -> "/v1/sync";
    given().get(path.get()).then().statusCode(401).contentType("application/problem+json");
    given()
        .header("Authorization", "Bearer not-a-jwt")
        .get(path.get())
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    String expired =
        Jwt.issuer("im-dev")
            .audience("im")
            .subject(alice)
            .issuedAt(Instant.now().minusSeconds(7200))
            .expiresAt(Instant.now().minusSeconds(3600))
            .sign();
    given().auth().oauth2(expired).get(path.get()).then().statusCode(401);
    String otherIssuer = Jwt.issuer("someone-else").audience("im").subject(alice).sign();
    given().auth().oauth2(otherIssuer).get(path.get()).then().statusCode(401);
    String otherAudience = Jwt.issuer("im-dev").audience("another-app").subject(alice).sign();
    given().auth().oauth2(otherAudience).get(path.get()).then().statusCode(401);
    String noAudience = Jwt.issuer("im-dev").subject(alice).sign();
    given().auth().oauth2(noAudience).get(path.get()).then().statusCode(401);
    String badSubject = Jwt.issuer("im-dev").audience("im").subject("not valid!").sign();
    given().auth().oauth2(badSubject).get(path.get()).then().statusCode(401);
  }

  @Test
  void devTokensNeedAValidUserId() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("userId", "a b"))
        .post("/v1/dev/tokens")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  @Test
  void unknownPathsAre404Problems() {
    as(alice).get("/v1/nothing-here").then().statusCode(404);
  }

  private String messages() {
    return "/v1/conversations/" + conversation + "/messages";
  }

  private String readPath() {
    return "/v1/conversations/" + conversation + "/read";
  }

  /** Checks the refusal and that no chain and no conversation changed; returns its detail. */
  private String refused(int status, Supplier<Response> call) {
    List<Integer> before = heads();
    String detail =
        call.get()
            .then()
            .statusCode(status)
            .contentType("application/problem+json")
            .body("status", org.hamcrest.Matchers.equalTo(status))
            .body("detail", not(emptyOrNullString()))
            .body("title", not(containsString("Internal")))
            .extract()
            .path("detail");
    assertThat(heads()).as("chains after a refused call").isEqualTo(before);
    return detail;
  }

  /** Content of {@code levels} nested objects, the content object itself being the first. */
  private static Map<String, Object> nested(int levels) {
    Map<String, Object> content = Map.of("text", "deep");
    for (int level = 1; level < levels; level++) {
      content = Map.of("text", "deep", "inner", content);
    }
    return content;
  }

  private List<Integer> heads() {
    return List.of(
        chain(alice).size(),
        chain(bob).size(),
        chain(outsider).size(),
        summary(alice, conversation).getInt("lastSeq"));
  }
}
