package dev.chain.im.push.delivery;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A span for each record pushed, in the trace that message-service put in the record's headers (W3C
 * trace context): one trace from the REST send to the frames written here. A no-op while tracing is
 * off.
 */
@Singleton
public class PushTracing {
  private static final TextMapGetter<Headers> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
          List<String> names = new ArrayList<>();
          headers.forEach(header -> names.add(header.key()));
          return names;
        }

        @Override
        public String get(Headers headers, String name) {
          Header header = headers == null ? null : headers.lastHeader(name);
          return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
      };

  private final TextMapPropagator propagator;
  private final Tracer tracer;

  public PushTracing(OpenTelemetry openTelemetry) {
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    this.tracer = openTelemetry.getTracer("dev.chain.im.push");
  }

  /** Starts the span of pushing this record; the caller ends it. */
  Span start(ConsumerRecord<String, String> record) {
    Context parent = propagator.extract(Context.root(), record.headers(), HEADERS);
    return tracer
        .spanBuilder("push " + record.topic())
        .setParent(parent)
        .setSpanKind(SpanKind.CONSUMER)
        .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
        .setAttribute("messaging.kafka.offset", record.offset())
        .startSpan();
  }
}
