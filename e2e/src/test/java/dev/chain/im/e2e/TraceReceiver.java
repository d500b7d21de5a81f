package dev.chain.im.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver for the suite: the services of the shared stack export their spans
 * here (protobuf), and tests read what arrived.
 */
public final class TraceReceiver implements AutoCloseable {
  /**
   * One span as received: its trace, the service that sent it, its name, its parent, and its
   * attributes as text.
   */
  public record ReceivedSpan(
      String traceId,
      String service,
      String name,
      String parentSpanId,
      Map<String, String> attributes) {}

  private final HttpServer server;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();

  private TraceReceiver(HttpServer server) {
    this.server = server;
  }

  public static TraceReceiver start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      TraceReceiver receiver = new TraceReceiver(server);
      server.createContext("/", receiver::receive);
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where to send spans, for {@code quarkus.otel.exporter.otlp.traces.endpoint}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  /** Exports this receiver could not read (answered 400). */
  public List<String> failures() {
    return List.copyOf(failures);
  }

  private void receive(HttpExchange exchange) throws IOException {
    try {
      read(exchange);
    } catch (IOException | RuntimeException | LinkageError e) {
      failures.add(e.toString());
      exchange.sendResponseHeaders(400, -1);
      exchange.close();
    }
  }

  private void read(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream body =
            "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                ? new GZIPInputStream(exchange.getRequestBody())
                : exchange.getRequestBody()) {
      ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
      for (ResourceSpans resource : request.getResourceSpansList()) {
        String service =
            resource.getResource().getAttributesList().stream()
                .filter(attribute -> attribute.getKey().equals("service.name"))
                .map(KeyValue::getValue)
                .map(value -> value.getStringValue())
                .findFirst()
                .orElse("");
        for (ScopeSpans scope : resource.getScopeSpansList()) {
          scope
              .getSpansList()
              .forEach(
                  span ->
                      spans.add(
                          new ReceivedSpan(
                              HexFormat.of().formatHex(span.getTraceId().toByteArray()),
                              service,
                              span.getName(),
                              HexFormat.of().formatHex(span.getParentSpanId().toByteArray()),
                              text(span.getAttributesList()))));
        }
      }
      byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  private static Map<String, String> text(List<KeyValue> attributes) {
    Map<String, String> text = new HashMap<>();
    for (KeyValue attribute : attributes) {
      AnyValue value = attribute.getValue();
      text.put(
          attribute.getKey(),
          value.hasStringValue() ? value.getStringValue() : String.valueOf(value.getIntValue()));
    }
    return Map.copyOf(text);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
