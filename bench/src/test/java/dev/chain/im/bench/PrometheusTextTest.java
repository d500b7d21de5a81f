package dev.chain.im.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chain.im.bench.PrometheusText.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  @Test
  void readsNamesLabelsAndValuesAndIgnoresComments() {
    List<Sample> samples =
        PrometheusText.parse(
            """
            # HELP im_push_connections_open Open WebSocket connections
            # TYPE im_push_connections_open gauge
            im_push_connections_open 24.0

            # TYPE http_server_requests_seconds summary
            http_server_requests_seconds_count{method="POST",outcome="SUCCESS",status="201",uri="/v1/conversations/{cid}/messages"} 99.0
            """);

    assertEquals(
        List.of(
            new Sample("im_push_connections_open", Map.of(), 24.0),
            new Sample(
                "http_server_requests_seconds_count",
                Map.of(
                    "method", "POST",
                    "outcome", "SUCCESS",
                    "status", "201",
                    "uri", "/v1/conversations/{cid}/messages"),
                99.0)),
        samples);
  }

  @Test
  void unescapesQuotesBackslashesAndNewlinesInLabelValues() {
    Sample sample =
        PrometheusText.parse(
                "odd{path=\"C:\\\\data\",quote=\"say \\\"hi\\\", } 1\",text=\"a\\nb\"} 3")
            .get(0);

    assertEquals(
        Map.of("path", "C:\\data", "quote", "say \"hi\", } 1", "text", "a\nb"), sample.labels());
    assertEquals(3.0, sample.value());
  }

  @Test
  void readsNanAndInfinitiesAndExponents() {
    List<Sample> samples =
        PrometheusText.parse(
            """
            im_push_lag_seconds_bucket{le="+Inf"} +Inf
            gauge_missing NaN
            falling -Inf
            big 1.5e+09
            """);

    assertEquals("+Inf", samples.get(0).labels().get("le"));
    assertEquals(Double.POSITIVE_INFINITY, samples.get(0).value());
    assertTrue(Double.isNaN(samples.get(1).value()));
    assertEquals(Double.NEGATIVE_INFINITY, samples.get(2).value());
    assertEquals(1.5e9, samples.get(3).value());
  }

  @Test
  void dropsTimestampsAndAcceptsTrailingCommaAndBlanks() {
    List<Sample> samples =
        PrometheusText.parse(
            "requests_total{code=\"200\",} 1027 1395066363000\n  spaced\t{a = \"b\" }  2  ");

    assertEquals(new Sample("requests_total", Map.of("code", "200"), 1027), samples.get(0));
    assertEquals(new Sample("spaced", Map.of("a", "b"), 2), samples.get(1));
  }

  @Test
  void skipsLinesThatAreNotSamples() {
    List<Sample> samples =
        PrometheusText.parse(
            """
            no_value
            unterminated{a="b} 1
            bad_value 12abc
            9starts_with_a_digit 1
            fine 1
            """);

    assertEquals(List.of(new Sample("fine", Map.of(), 1)), samples);
  }

  @Test
  void scrapeSumsTheSamplesCarryingEveryGivenLabel() {
    Scrape scrape =
        new Scrape(
            PrometheusText.parse(
                """
                jvm_memory_used_bytes{area="heap",id="eden"} 10
                jvm_memory_used_bytes{area="heap",id="old"} 5
                jvm_memory_used_bytes{area="nonheap",id="metaspace"} 7
                jvm_memory_used_bytes_other{area="heap"} 100
                """));

    assertEquals(15, scrape.sum("jvm_memory_used_bytes", Map.of("area", "heap")));
    assertEquals(22, scrape.sum("jvm_memory_used_bytes"));
    assertEquals(0, scrape.sum("absent"));
  }
}
