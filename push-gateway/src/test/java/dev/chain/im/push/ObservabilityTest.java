package dev.chain.im.push;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ObservabilityTest extends PushTestBase {

  @Test
  void readinessReportsTheConsumer() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("UP"))
        .body("checks.name", hasItem("push-deliveries-consumer"))
        .body(
            "checks.find { it.name == 'push-deliveries-consumer' }.status",
            org.hamcrest.Matchers.equalTo("UP"));
  }

  @Test
  void metricsCountConnectionsFramesAndLag() {
    String alice = user("alice");
    double framesBefore = Metrics.value("im_push_frames_pushed_total");
    double lagBefore = Metrics.value("im_push_lag_seconds_count");
    double pushedBefore = Metrics.value("im_push_records_total{outcome=\"pushed\"}");
    TestSocket phone = device(alice);
    TestSocket laptop = device(alice);
    assertThat(Metrics.value("im_push_connections_open")).isGreaterThanOrEqualTo(2);

    String value = delivery(alice, 1, "counted");
    publish(alice, value);
    assertThat(phone.next()).isEqualTo(frameOf(value));
    assertThat(laptop.next()).isEqualTo(frameOf(value));

    // Counted right after the frames are handed to the sockets.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(Metrics.value("im_push_frames_pushed_total")).isEqualTo(framesBefore + 2);
              assertThat(Metrics.value("im_push_lag_seconds_count")).isEqualTo(lagBefore + 1);
              assertThat(Metrics.value("im_push_records_total{outcome=\"pushed\"}"))
                  .isEqualTo(pushedBefore + 1);
            });
    String text = Metrics.scrape();
    assertThat(text)
        .contains("im_push_connections_closed_slow_total")
        .contains("im_push_lag_seconds_bucket")
        .contains("im_push_records_total{outcome=\"offline\"}");
    phone.close();
    laptop.close();
  }

  @Test
  void metricsAreOnTheManagementPortOnly() {
    given().get("/q/metrics").then().statusCode(404);
    assertThat(Metrics.scrape()).contains("im_push_connections_open");
  }
}
