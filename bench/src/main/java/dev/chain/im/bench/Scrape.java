package dev.chain.im.bench;

import dev.chain.im.bench.PrometheusText.Sample;
import java.util.List;
import java.util.Map;

/** The samples of one scrape of a service's metrics; none when the service was down. */
record Scrape(List<Sample> samples) {
  static final Scrape NONE = new Scrape(List.of());

  boolean isEmpty() {
    return samples.isEmpty();
  }

  /** The samples of {@code metric}, in the order served. */
  List<Sample> named(String metric) {
    return samples.stream().filter(sample -> sample.name().equals(metric)).toList();
  }

  double sum(String metric) {
    return sum(metric, Map.of());
  }

  /** The sum of the samples of {@code metric} that carry every one of {@code labels}. */
  double sum(String metric, Map<String, String> labels) {
    return named(metric).stream()
        .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
        .mapToDouble(Sample::value)
        .sum();
  }
}
