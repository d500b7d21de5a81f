package dev.chain.im.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One child JVM of the stack with its output appended to a log file: started, awaited until it is
 * ready, and stopped as an operator would (SIGTERM, then SIGKILL if it has not exited in time). It
 * can be started again after it stopped.
 */
final class ChildProcess {
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private final String name;
  private final JavaCommand command;
  private final Path log;
  private Process process;

  ChildProcess(String name, JavaCommand command, Path log) {
    this.name = name;
    this.command = command;
    this.log = log;
  }

  Path log() {
    return log;
  }

  /** Starts the process unless it is running. */
  synchronized void start() {
    if (alive()) {
      return;
    }
    try {
      Files.createDirectories(log.getParent());
      process =
          new ProcessBuilder(command.commandLine())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  /** Runs a one-off command to its end and returns its exit code. */
  int runToEnd(Duration timeout) {
    start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
        throw new IllegalStateException(
            name + " did not finish within " + timeout + "; see " + log);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      throw new IllegalStateException("interrupted while running " + name, e);
    }
  }

  /** Waits until the check passes, failing early if the process exits. */
  void awaitReady(Duration timeout, BooleanSupplier ready) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!alive()) {
        throw new IllegalStateException(name + " exited during start-up; see " + log);
      }
      if (ready.getAsBoolean()) {
        return;
      }
      sleep(200);
    }
    throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
  }

  synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGTERM, waiting for the process to exit; SIGKILL if it does not in time. */
  synchronized void stop() {
    end(false);
  }

  /** SIGKILL at once: nothing the process holds in memory survives. */
  synchronized void kill() {
    end(true);
  }

  private void end(boolean forcibly) {
    if (process == null) {
      return;
    }
    if (forcibly) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
