package dev.chain.im.push;

import static io.restassured.RestAssured.given;

import org.eclipse.microprofile.config.ConfigProvider;

/** Reads one value from the Prometheus text at {@code /q/metrics} on the management port. */
final class Metrics {
  private Metrics() {}

  /** The management interface's base URL; its port is free-chosen in tests and known once up. */
  static String managementBase() {
    int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    return "http://localhost:" + port;
  }

  static String scrape() {
    return given()
        .baseUri(managementBase())
        .port(-1)
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  /** The value of a series, named with its labels exactly as exported; 0 when absent. */
  static double value(String series) {
    for (String line : scrape().split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    return 0;
  }
}
