package dev.chain.im.messages.delivery;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * The trace of the request that wrote an entry, as W3C trace-context headers ({@code traceparent},
 * {@code tracestate}) for its Kafka records, so that the gateway's push joins that trace. Empty
 * when tracing is off or the entry was not written by a traced request (a sweep, a retry).
 */
@ApplicationScoped
public class TraceHeaders {
  private final TextMapPropagator propagator;

  public TraceHeaders(OpenTelemetry openTelemetry) {
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  /** The headers of the current trace; none outside one. */
  public Map<String, String> current() {
    Map<String, String> headers = new HashMap<>(2);
    propagator.inject(Context.current(), headers, Map::put);
    return headers.isEmpty() ? Map.of() : Map.copyOf(headers);
  }
}
