package dev.chain.im.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

  @Test
  void aScenarioAloneKeepsItsDefaults() {
    Bench.Options options = Bench.Options.parse("groups", "--out", "/tmp/r");

    assertEquals(Plan.forScenario("groups"), options.plan());
    assertEquals(Path.of("/tmp/r"), options.out());
    assertNull(options.rest());
  }

  @Test
  void flagsOverrideTheDefaults() {
    Plan plan =
        Bench.Options.parse(
                "smoke",
                "--users",
                "18_000",
                "--rate",
                "10, 20.5",
                "--until-saturation",
                "--saturation-p99-ms",
                "250",
                "--idle",
                "3",
                "--users",
                "40",
                "--baseline")
            .plan();

    assertEquals(40, plan.users());
    assertEquals(List.of(10.0, 20.5), plan.rates());
    assertTrue(plan.untilSaturation());
    assertEquals(250, plan.saturationP99Millis());
    assertEquals(3, plan.idleConnections());
    assertTrue(plan.baseline());
    assertEquals(Plan.forScenario("smoke").devices(), plan.devices());
  }

  @Test
  void noBaselineWinsWhereverItStands() {
    assertFalse(Bench.Options.parse("groups", "--no-baseline", "--baseline").plan().baseline());
  }

  @Test
  void badCommandLinesExitWithTwo() {
    for (String[] args :
        List.of(
            new String[] {},
            new String[] {"smoke", "--bogus", "1"},
            new String[] {"smoke", "--users", "many"},
            new String[] {"smoke", "--users", "1"},
            new String[] {"smoke", "--rest", "http://localhost:1"},
            new String[] {"nowhere"})) {
      StringWriter err = new StringWriter();
      int exit = BenchCommand.commandLine().setErr(new PrintWriter(err)).execute(args);
      assertEquals(2, exit, String.join(" ", args));
      assertTrue(err.toString().contains("Usage: im-bench <scenario> [flags]"));
    }
  }

  @Test
  void helpExitsWithZero() {
    StringWriter out = new StringWriter();
    int exit = BenchCommand.commandLine().setOut(new PrintWriter(out)).execute("--help");

    assertEquals(0, exit);
    assertTrue(out.toString().contains("--max-in-flight=N"));
  }

  @Test
  void aBadValueSaysWhichFlag() {
    CommandLine.ParameterException error =
        assertThrows(
            CommandLine.ParameterException.class,
            () -> Bench.Options.parse("smoke", "--devices", "two"));

    assertEquals(
        "Invalid value for option '--devices': 'two' is not a whole number", error.getMessage());
  }
}
