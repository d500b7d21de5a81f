package dev.chain.im.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Histograms of latencies in microseconds, and their summaries in milliseconds. */
final class Hist {
  static final long HIGHEST_MICROS = 3_600_000_000L;

  private Hist() {}

  static Histogram create() {
    return new Histogram(HIGHEST_MICROS, 3);
  }

  /** Nanoseconds to microseconds, clamped into the histogram's range. */
  static long micros(long nanos) {
    return Math.max(1, Math.min(HIGHEST_MICROS, nanos / 1000));
  }

  static double ms(double micros) {
    return Math.round(micros / 10.0) / 100.0;
  }

  static Map<String, Object> summary(Histogram h) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("count", h.getTotalCount());
    if (h.getTotalCount() == 0) {
      return out;
    }
    out.put("meanMs", ms(h.getMean()));
    out.put("p50Ms", ms(h.getValueAtPercentile(50)));
    out.put("p90Ms", ms(h.getValueAtPercentile(90)));
    out.put("p99Ms", ms(h.getValueAtPercentile(99)));
    out.put("p999Ms", ms(h.getValueAtPercentile(99.9)));
    out.put("maxMs", ms(h.getMaxValue()));
    return out;
  }

  static String brief(Histogram h) {
    if (h.getTotalCount() == 0) {
      return "-";
    }
    return String.format(
        "p50 %.1f p99 %.1f max %.0f ms",
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0);
  }
}
