package dev.chain.im.push;

import static io.restassured.RestAssured.given;

/** Reads one value from the Prometheus text at {@code /q/metrics}. */
final class Metrics {
  private Metrics() {}

  static String scrape() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
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
