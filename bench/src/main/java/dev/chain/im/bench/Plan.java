package dev.chain.im.bench;

import dev.chain.im.stack.LocalStack;
import java.util.List;

/**
 * What one load run does.
 *
 * @param users users, each online with {@code devices} devices
 * @param devices devices (WebSocket connections) per user
 * @param oneToOne 1:1 conversations
 * @param groups10 groups of 10
 * @param groups100 groups of 100
 * @param largeGroup members of one large group (0 for none)
 * @param rates sends per second, one per step; the run goes through them in order
 * @param stepSeconds how long each step lasts
 * @param untilSaturation stop stepping once a step could not keep up, and ramp the baseline too
 * @param saturationP99Millis a step whose send→push p99 is above this did not keep up
 * @param maxInFlight the most sends waiting for their answer; a send due beyond it is skipped
 * @param contentBytes size of the text of each message
 * @param faults what to break while the load runs
 * @param baseline also push the same deliveries/s through the bare Kafka → WebSocket pipeline
 * @param idleConnections idle WebSocket connections to hold open during the run (0 for none)
 * @param warmupSeconds seconds of load at the first rate before measuring (JIT, connection pools)
 * @param topology how many Kafka brokers, message-service instances and gateways the benchmark's
 *     own stack runs
 * @param signalSeconds after the load, seconds of typing signals (ephemeral frames) at up to the
 *     first rate, for what a frame costs (0 for none)
 */
record Plan(
    String name,
    int users,
    int devices,
    int oneToOne,
    int groups10,
    int groups100,
    int largeGroup,
    List<Double> rates,
    int stepSeconds,
    boolean untilSaturation,
    int saturationP99Millis,
    int maxInFlight,
    int contentBytes,
    boolean faults,
    boolean baseline,
    int idleConnections,
    int warmupSeconds,
    LocalStack.Topology topology,
    int signalSeconds) {

  int totalSeconds() {
    return rates.size() * stepSeconds;
  }

  /** Each scenario's defaults; flags override them. */
  static Plan forScenario(String name) {
    return switch (name) {
      case "smoke" ->
          new Plan(
              name,
              12,
              2,
              6,
              2,
              0,
              0,
              List.of(20.0),
              5,
              false,
              1000,
              64,
              64,
              false,
              true,
              0,
              0,
              LocalStack.Topology.SINGLE,
              3);
      case "one-to-one-ramp" ->
          new Plan(
              name,
              400,
              1,
              200,
              0,
              0,
              0,
              List.of(100.0, 200.0, 400.0, 700.0, 1000.0, 1400.0, 1800.0, 2400.0, 3000.0),
              10,
              true,
              100,
              256,
              64,
              false,
              true,
              0,
              10,
              LocalStack.Topology.SINGLE,
              0);
      // The mix of all three sizes (about 4.9 deliveries per send), ramped through ours and then
      // through the bare pipeline until each stops keeping up; warm (JIT) before the first step.
      case "saturation" ->
          new Plan(
              name,
              400,
              1,
              100,
              20,
              2,
              0,
              List.of(
                  50.0, 100.0, 200.0, 300.0, 450.0, 650.0, 900.0, 1200.0, 1600.0, 2100.0, 2800.0,
                  3600.0, 4800.0, 6400.0, 8500.0),
              10,
              true,
              100,
              512,
              64,
              false,
              true,
              0,
              120,
              LocalStack.Topology.SINGLE,
              0);
      // 20 groups of 10 and 4 of 100, sends spread evenly: 25 deliveries per send on average, so
      // 80 sends/s is about 2,000 deliveries/s.
      case "groups" ->
          new Plan(
              name,
              300,
              1,
              0,
              20,
              4,
              0,
              List.of(80.0),
              30,
              false,
              1000,
              256,
              64,
              false,
              true,
              0,
              10,
              LocalStack.Topology.SINGLE,
              20);
      case "large-group" ->
          new Plan(
              name,
              5000,
              1,
              0,
              0,
              0,
              5000,
              List.of(0.5),
              30,
              false,
              1000,
              16,
              64,
              false,
              true,
              0,
              6,
              LocalStack.Topology.SINGLE,
              0);
      case "idle-connections" ->
          new Plan(
              name,
              50,
              1,
              25,
              2,
              0,
              0,
              List.of(50.0),
              30,
              false,
              1000,
              64,
              64,
              false,
              false,
              18_000,
              5,
              LocalStack.Topology.SINGLE,
              0);
      case "faults" ->
          new Plan(
              name,
              40,
              2,
              20,
              3,
              0,
              0,
              List.of(40.0),
              60,
              false,
              1000,
              512,
              64,
              true,
              false,
              0,
              0,
              LocalStack.Topology.SINGLE,
              0);
      // Three brokers, two message-service instances (the load tool sends through both in
      // turn), three gateways; under the load a broker is killed and started, a gateway killed
      // (its users move to the others) and an instance restarted.
      case "scale-out" ->
          new Plan(
              name,
              300,
              1,
              100,
              10,
              1,
              0,
              List.of(40.0),
              90,
              false,
              1000,
              512,
              64,
              true,
              false,
              0,
              10,
              LocalStack.Topology.CLUSTER,
              0);
      case "custom" ->
          new Plan(
              name,
              100,
              1,
              50,
              0,
              0,
              0,
              List.of(100.0),
              20,
              false,
              1000,
              256,
              64,
              false,
              false,
              0,
              5,
              LocalStack.Topology.SINGLE,
              0);
      default -> throw new IllegalArgumentException("unknown scenario " + name);
    };
  }
}
