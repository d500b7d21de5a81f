package dev.chain.im.bench;

import dev.chain.im.bench.PrometheusText.Sample;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the report shows of the services themselves: memory, and a few of their own metrics. */
final class ServiceReport {
  private static final Map<String, String> SEND_REQUESTS =
      Map.of("uri", "/v1/conversations/{cid}/messages", "method", "POST");

  private ServiceReport() {}

  static Map<String, Object> memory(Target target) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("messageService", target.messageService.memory());
    out.put("pushGateway", target.pushGateway.memory());
    return out;
  }

  /** Open connections, push lag (Kafka record to WebSocket frame), frames, slow closes. */
  static Map<String, Object> pushGateway(Target target) {
    Scrape scrape = target.pushGateway.scrape();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("connectionsOpen", scrape.sum("im_push_connections_open"));
    double count = scrape.sum("im_push_lag_seconds_count");
    double sum = scrape.sum("im_push_lag_seconds_sum");
    out.put("pushLagRecords", count);
    out.put("pushLagMeanMs", count == 0 ? null : Rounding.hundredths(sum / count * 1000));
    out.put("pushLagMaxMs", Rounding.hundredths(scrape.sum("im_push_lag_seconds_max") * 1000));
    Map<String, Object> buckets = new LinkedHashMap<>();
    for (Sample bucket : scrape.named("im_push_lag_seconds_bucket")) {
      String bound = bucket.labels().get("le");
      if (bound != null && count > 0) {
        buckets.put("≤" + bound + "s", Rounding.hundredths(bucket.value() / count));
      }
    }
    out.put("pushLagFractionWithin", buckets);
    out.put("framesPushed", scrape.sum("im_push_frames_pushed_total"));
    out.put("connectionsClosedSlow", scrape.sum("im_push_connections_closed_slow_total"));
    return out;
  }

  /** The send requests message-service served, and their mean time there. */
  static Map<String, Object> messageService(Target target) {
    Scrape scrape = target.messageService.scrape();
    Map<String, Object> out = new LinkedHashMap<>();
    double count = scrape.sum("http_server_requests_seconds_count", SEND_REQUESTS);
    double sum = scrape.sum("http_server_requests_seconds_sum", SEND_REQUESTS);
    if (count > 0) {
      out.put("sendRequests", count);
      out.put("sendServerMeanMs", Rounding.hundredths(sum / count * 1000));
    }
    return out;
  }
}
