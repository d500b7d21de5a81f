package dev.chain.im.bench;

import java.util.Map;

/**
 * One step of a ramp, through ours ({@link LoadDriver.StepResult}) or bare ({@link Baseline.Step}).
 */
interface RampStep {
  /** The sends per second the step carried. */
  double sendsPerSecond();

  double deliveriesPerSecond();

  Map<String, Object> sendToPush();

  Map<String, Double> cpuMicrosPerDelivery();

  /** Whether the step kept up with its rate. */
  boolean sustained();
}
