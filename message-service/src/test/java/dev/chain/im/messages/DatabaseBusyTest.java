package dev.chain.im.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * With one database connection and room for one waiting request, a burst of requests gets 503
 * problems with {@code Retry-After} for what does not fit, at once, and answers for the rest.
 */
@QuarkusTest
@TestProfile(DatabaseBusyTest.OneConnection.class)
class DatabaseBusyTest extends ApiTestBase {
  public static class OneConnection implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.datasource.reactive.max-size", "1", "im.limits.database-wait-queue", "1");
    }
  }

  @Test
  void requestsPastTheWaitQueueAreTurnedAwayAtOnce() {
    String alice = id("alice");
    create(alice, id("busy"), Map.of());
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest list =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + "/v1/conversations"))
            .header("Authorization", "Bearer " + token(alice))
            .build();

    List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      burst.add(http.sendAsync(list, HttpResponse.BodyHandlers.ofString()));
    }
    List<HttpResponse<String>> answers = burst.stream().map(CompletableFuture::join).toList();

    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200, 503).contains(200);
    List<HttpResponse<String>> busy =
        answers.stream().filter(answer -> answer.statusCode() == 503).toList();
    assertThat(busy).isNotEmpty();
    for (HttpResponse<String> answer : busy) {
      assertThat(answer.headers().firstValue("Retry-After")).contains("1");
      assertThat(answer.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(answer.body()).contains("The database is busy");
    }
  }
}
