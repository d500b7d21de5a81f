package dev.chain.im.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BarePipeline} child JVM on this tool's class path, spoken to line by line over its
 * standard input and output; its log goes to a temporary file named in any failure.
 */
final class PipelineProcess implements AutoCloseable {
  private static final long ANSWER_TIMEOUT_SECONDS = 90;

  private final Process process;
  private final PrintWriter commands;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Path log;

  private PipelineProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readAnswers, "bare-pipeline-answers");
    reader.setDaemon(true);
    reader.start();
  }

  static PipelineProcess start(String bootstrap, String topic) throws IOException {
    Path log = Files.createTempFile("im-bench-bare-pipeline", ".log");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                BarePipeline.class.getName(),
                bootstrap,
                topic)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new PipelineProcess(process, log);
  }

  long pid() {
    return process.pid();
  }

  void command(String line) {
    commands.println(line);
  }

  /** The rest of the next answer starting with {@code word}, waiting for it. */
  String answer(String word) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline) {
      String rest = poll(word, 100);
      if (rest != null) {
        return rest;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the bare pipeline exited; see " + log);
      }
    }
    throw new IllegalStateException("the bare pipeline did not answer '" + word + "'; see " + log);
  }

  /** The rest of an answer starting with {@code word} if one comes within the wait, else null. */
  String poll(String word, long millis) throws InterruptedException {
    String line = lines.poll(millis, TimeUnit.MILLISECONDS);
    if (line == null) {
      return null;
    }
    if (!line.startsWith(word + " ")) {
      throw new IllegalStateException(
          "the bare pipeline answered '" + line + "' where '" + word + "' was due; see " + log);
    }
    return line.substring(word.length() + 1);
  }

  private void readAnswers() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    commands.close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
