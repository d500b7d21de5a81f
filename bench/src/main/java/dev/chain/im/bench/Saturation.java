package dev.chain.im.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The highest load each pipeline sustained in a ramp (the last step before the first that did not
 * keep up), and ours as a share of the bare pipeline's.
 */
final class Saturation {
  private Saturation() {}

  static Map<String, Object> compare(List<LoadDriver.StepResult> ours, List<Baseline.Step> bare) {
    Map<String, Object> out = new LinkedHashMap<>();
    Optional<LoadDriver.StepResult> ourBest =
        ours.stream().takeWhile(LoadDriver.StepResult::sustained).reduce((a, b) -> b);
    Optional<Baseline.Step> bareBest =
        bare.stream().takeWhile(Baseline.Step::sustained).reduce((a, b) -> b);
    out.put("ours", ourBest.map(Saturation::ours).orElse(Map.of()));
    out.put("bare", bareBest.map(Saturation::bare).orElse(Map.of()));
    out.put("oursSaturated", ours.stream().anyMatch(step -> !step.sustained()));
    out.put("bareSaturated", bare.stream().anyMatch(step -> !step.sustained()));
    if (ourBest.isPresent() && bareBest.isPresent() && bareBest.get().deliveriesPerSecond() > 0) {
      out.put(
          "deliveriesRatio ours/bare",
          Rounding.hundredths(
              ourBest.get().deliveriesPerSecond() / bareBest.get().deliveriesPerSecond()));
    }
    ourBest.ifPresent(
        best ->
            bare.stream()
                .filter(step -> step.targetSendsPerSecond() == best.targetSendsPerSecond())
                .findFirst()
                .flatMap(same -> serverCpuRatio(best, same))
                .ifPresent(ratio -> out.put("serverCpuRatioAtOurBest", ratio)));
    out.put(
        "note",
        "highest step kept up. Ours: >= 90% of the sends/s acknowledged, <= 0.1% skipped,"
            + " send→push p99 within saturationP99Millis. Bare: the producer on schedule, >= 99% of"
            + " the records delivered, the same p99 limit. A pipeline not saturated ran out of steps,"
            + " so its figure is a lower bound");
    return out;
  }

  /** Ours {@code server} CPU per delivery ÷ the bare pipeline's, at the same sends/s. */
  private static Optional<Double> serverCpuRatio(LoadDriver.StepResult ours, Baseline.Step bare) {
    Double o = ours.cpuMicrosPerDelivery().get("server");
    Double b = bare.cpuMicrosPerDelivery().get("server");
    return o == null || b == null || b <= 0
        ? Optional.empty()
        : Optional.of(Rounding.hundredths(o / b));
  }

  private static Map<String, Object> ours(LoadDriver.StepResult step) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sendsPerSecond", step.sendsPerSecond());
    out.put("deliveriesPerSecond", step.deliveriesPerSecond());
    out.put("sendToPush", step.sendToPush());
    out.put("cpuMicrosPerDelivery", step.cpuMicrosPerDelivery());
    return out;
  }

  private static Map<String, Object> bare(Baseline.Step step) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sendsPerSecond", step.targetSendsPerSecond());
    out.put("deliveriesPerSecond", step.deliveriesPerSecond());
    out.put("sendToPush", step.sendToPush());
    out.put("cpuMicrosPerDelivery", step.cpuMicrosPerDelivery());
    return out;
  }
}
