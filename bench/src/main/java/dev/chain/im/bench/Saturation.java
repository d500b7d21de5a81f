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
    Optional<LoadDriver.StepResult> ourBest = best(ours);
    Optional<Baseline.Step> bareBest = best(bare);
    out.put("ours", ourBest.map(Saturation::summary).orElse(Map.of()));
    out.put("bare", bareBest.map(Saturation::summary).orElse(Map.of()));
    out.put("oursSaturated", saturated(ours));
    out.put("bareSaturated", saturated(bare));
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
                .flatMap(
                    same ->
                        CpuUse.serverRatio(
                            best.cpuMicrosPerDelivery(), same.cpuMicrosPerDelivery()))
                .ifPresent(ratio -> out.put("serverCpuRatioAtOurBest", ratio)));
    out.put(
        "note",
        "highest step kept up. Ours: >= 90% of the sends/s acknowledged, <= 0.1% skipped,"
            + " send→push p99 within saturationP99Millis. Bare: the producer on schedule, >= 99% of"
            + " the records delivered, the same p99 limit. A pipeline not saturated ran out of steps,"
            + " so its figure is a lower bound");
    return out;
  }

  /** The last step of the run of kept-up steps that the ramp starts with. */
  private static <S extends RampStep> Optional<S> best(List<S> steps) {
    return steps.stream().takeWhile(RampStep::sustained).reduce((earlier, later) -> later);
  }

  private static boolean saturated(List<? extends RampStep> steps) {
    return steps.stream().anyMatch(step -> !step.sustained());
  }

  private static Map<String, Object> summary(RampStep step) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sendsPerSecond", step.sendsPerSecond());
    out.put("deliveriesPerSecond", step.deliveriesPerSecond());
    out.put("sendToPush", step.sendToPush());
    out.put("cpuMicrosPerDelivery", step.cpuMicrosPerDelivery());
    return out;
  }
}
