package dev.chain.im.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser of the Prometheus text exposition format (version 0.0.4), as the services serve it on
 * {@code /q/metrics}. Comments, {@code HELP} and {@code TYPE} lines are ignored; a line that is not
 * a sample is skipped, since the benchmark reads only a few metrics it knows.
 */
final class PrometheusText {
  /** One sample line: metric name, labels in their order, value; a timestamp is dropped. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private final String line;
  private int position;

  private PrometheusText(String line) {
    this.line = line;
  }

  /** Every sample of {@code text}, in its order. */
  static List<Sample> parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      try {
        samples.add(new PrometheusText(trimmed).sample());
      } catch (IllegalArgumentException e) {
        // not a sample
      }
    }
    return samples;
  }

  private Sample sample() {
    String name = name();
    Map<String, String> labels = new LinkedHashMap<>();
    skipBlanks();
    if (peek() == '{') {
      position++;
      labels(labels);
      skipBlanks();
    }
    int end = position;
    while (end < line.length() && !isBlank(line.charAt(end))) {
      end++;
    }
    return new Sample(name, labels, value(line.substring(position, end)));
  }

  private void labels(Map<String, String> labels) {
    while (true) {
      skipBlanks();
      if (peek() == '}') {
        position++;
        return;
      }
      String label = name();
      skipBlanks();
      expect('=');
      skipBlanks();
      expect('"');
      labels.put(label, quoted());
      skipBlanks();
      if (peek() == ',') {
        position++;
      } else if (peek() != '}') {
        throw new IllegalArgumentException("expected , or } at " + position);
      }
    }
  }

  /** The rest of a label value after its opening quote, unescaped; consumes the closing quote. */
  private String quoted() {
    StringBuilder value = new StringBuilder();
    while (position < line.length()) {
      char c = line.charAt(position++);
      if (c == '"') {
        return value.toString();
      }
      if (c == '\\' && position < line.length()) {
        char escaped = line.charAt(position++);
        value.append(escaped == 'n' ? '\n' : escaped);
      } else {
        value.append(c);
      }
    }
    throw new IllegalArgumentException("unterminated label value");
  }

  private String name() {
    int start = position;
    while (position < line.length() && isNameChar(line.charAt(position), position == start)) {
      position++;
    }
    if (position == start) {
      throw new IllegalArgumentException("expected a name at " + start);
    }
    return line.substring(start, position);
  }

  private static boolean isNameChar(char c, boolean first) {
    return c == '_'
        || c == ':'
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (!first && c >= '0' && c <= '9');
  }

  /** Go's float syntax, as Prometheus writes values: NaN, +Inf and -Inf besides plain numbers. */
  private static double value(String text) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private void expect(char c) {
    if (peek() != c) {
      throw new IllegalArgumentException("expected " + c + " at " + position);
    }
    position++;
  }

  private char peek() {
    return position < line.length() ? line.charAt(position) : '\0';
  }

  private void skipBlanks() {
    while (position < line.length() && isBlank(line.charAt(position))) {
      position++;
    }
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}
