package dev.chain.im.bench;

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
 * @param untilSaturation stop stepping once a step could not keep up
 * @param maxInFlight the most sends waiting for their answer; a send due beyond it is skipped
 * @param contentBytes size of the text of each message
 * @param faults what to break while the load runs
 * @param baseline also push the same deliveries/s through the bare Kafka → WebSocket pipeline
 * @param idleConnections idle WebSocket connections to hold open during the run (0 for none)
 * @param warmupSeconds seconds of load at the first rate before measuring (JIT, connection pools)
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
    int maxInFlight,
    int contentBytes,
    boolean faults,
    boolean baseline,
    int idleConnections,
    int warmupSeconds) {

  int totalSeconds() {
    return rates.size() * stepSeconds;
  }
}
