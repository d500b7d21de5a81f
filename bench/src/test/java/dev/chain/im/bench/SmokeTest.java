package dev.chain.im.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * The smoke scenario end to end, as CI runs it: a local stack of its own, a few seconds of traffic
 * from devices following the client rule, then every device checked against the server's chains.
 * Then the bare pipeline at the same rate, in its process of its own. Correctness only: no timing
 * is asserted.
 */
class SmokeTest {

  @Test
  void smokeScenarioLosesNothingRepeatsNothingReordersNothing() throws Exception {
    Path out = Files.createTempDirectory("im-bench-smoke");
    Bench.Options options = Bench.Options.parse(new String[] {"smoke", "--out", out.toString()});

    Map<String, Object> summary = Bench.run(options, line -> System.out.println("[bench] " + line));

    Verdict verdict = (Verdict) summary.get("verification");
    assertThat(verdict.tally().devices()).isEqualTo(24);
    assertThat(verdict.tally().caughtUp()).isEqualTo(verdict.tally().devices());
    assertThat(verdict.tally().lost()).isZero();
    assertThat(verdict.tally().duplicated()).isZero();
    assertThat(verdict.tally().reordered()).isZero();
    assertThat(verdict.tally().mismatched()).isZero();
    assertThat(verdict.tally().resets()).isZero();
    assertThat((Long) summary.get("sendsAcknowledged")).isPositive();
    assertThat(verdict.expectedDeliveries()).isPositive();
    assertThat(verdict.messageEntries()).isEqualTo(verdict.expectedDeliveries());
    assertThat(verdict.passed()).isTrue();
    assertThat(summary.get("cpuMicrosPerDelivery"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsOnlyKeys(
            "message-service", "push-gateway", "postgresql", "kafka", "loadTool", "server");
    @SuppressWarnings("unchecked")
    Map<String, Object> baseline = (Map<String, Object>) summary.get("baseline");
    assertThat((Long) baseline.get("recordsSent")).isPositive();
    assertThat(baseline.get("framesReceived")).isEqualTo(baseline.get("recordsSent"));
    assertThat(baseline.get("cpuMicrosPerDelivery"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsOnlyKeys("pipeline", "kafka", "loadTool", "server");
    assertThat(summary).containsKey("serverCpuRatio");
    @SuppressWarnings("unchecked")
    Map<String, Object> signals = (Map<String, Object>) summary.get("signals");
    assertThat((Long) signals.get("signalsSent")).isPositive();
    assertThat(signals.get("signalsRefused")).isEqualTo(0L);
    // Typing frames reach every other member's devices (best effort, but nothing is lost here).
    assertThat((Long) signals.get("framesExpected")).isPositive();
    assertThat(signals.get("framesReceived")).isEqualTo(signals.get("framesExpected"));
    assertThat(signals.get("cpuMicrosPerFrame"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsKeys("message-service", "push-gateway", "server");
    assertThat(signals).containsKey("serverCpuPerFrameToPerDelivery");
    assertThat(out.resolve("summary.json")).isRegularFile();
    assertThat(out.resolve("latency-over-time.png")).isRegularFile();
    assertThat(out.resolve("percentiles.png")).isRegularFile();
    assertThat(out.resolve("throughput.png")).isRegularFile();
  }

  @Test
  void saturationRampsOursThenTheBarePipelineAndComparesWhatEachKeptUpWith() throws Exception {
    Path out = Files.createTempDirectory("im-bench-saturation");
    Bench.Options options =
        Bench.Options.parse(
            "saturation",
            "--users",
            "12",
            "--one-to-one",
            "6",
            "--groups10",
            "1",
            "--groups100",
            "0",
            "--rate",
            "10,20",
            "--step-seconds",
            "3",
            "--warmup-seconds",
            "0",
            "--out",
            out.toString());

    Map<String, Object> summary = Bench.run(options, line -> System.out.println("[bench] " + line));

    assertThat(((Verdict) summary.get("verification")).passed()).isTrue();
    @SuppressWarnings("unchecked")
    List<Baseline.Step> bare =
        (List<Baseline.Step>) ((Map<String, Object>) summary.get("baseline")).get("steps");
    assertThat(bare).isNotEmpty().hasSizeLessThanOrEqualTo(2);
    assertThat(bare.get(0).targetSendsPerSecond()).isEqualTo(10.0);
    // 6 conversations of 2 and one of 10, sends spread evenly: 22 records per 7 sends
    assertThat(bare.get(0).offeredDeliveriesPerSecond()).isEqualTo(31.43);
    for (Baseline.Step step : bare) {
      assertThat(step.recordsSent()).isPositive();
      assertThat(step.framesReceived()).isEqualTo(step.recordsSent());
    }
    assertThat(summary.get("saturation"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsKeys("ours", "bare", "oursSaturated", "bareSaturated");
    assertThat(out.resolve("saturation.png")).isRegularFile();
  }

  @Test
  void scaleOutConsumesEachRecordOnceKeepsEveryUsersOrderAndMovesAKilledGatewaysUsers()
      throws Exception {
    Path out = Files.createTempDirectory("im-bench-scale-out");
    Bench.Options options =
        Bench.Options.parse(
            "scale-out",
            "--users",
            "40",
            "--one-to-one",
            "20",
            "--groups10",
            "2",
            "--groups100",
            "0",
            "--rate",
            "15",
            "--step-seconds",
            "30",
            "--warmup-seconds",
            "0",
            "--out",
            out.toString());

    Map<String, Object> summary = Bench.run(options, line -> System.out.println("[bench] " + line));

    assertThat(((Verdict) summary.get("verification")).passed()).isTrue();
    @SuppressWarnings("unchecked")
    Map<String, Object> scaleOut = (Map<String, Object>) summary.get("scaleOut");
    assertThat(scaleOut)
        .containsEntry("gateways", 3)
        .containsEntry("messageServices", 2)
        .containsEntry("brokers", 3)
        .containsEntry("reorderedRecordsPerKey", 0L);
    assertThat((Long) scaleOut.get("recordsProduced")).isPositive();
    // Each record once, plus what the gateway killed under load had consumed past its last commit
    // (its partitions' next owners read those again); with a group per gateway it would be 3.0.
    assertThat((Double) scaleOut.get("amplification")).isLessThan(1.5);
    @SuppressWarnings("unchecked")
    Map<String, Object> moved = (Map<String, Object>) scaleOut.get("movedUsers");
    assertThat((Integer) moved.get("devices")).isPositive();
    assertThat(moved).containsEntry("notCaughtUpAgain", 0);
    assertThat((List<?>) summary.get("faults")).hasSize(4);
    assertThat(scaleOut.get("notifications"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("duplicates", 0L);
  }
}
