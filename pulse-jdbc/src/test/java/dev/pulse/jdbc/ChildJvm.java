package dev.pulse.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a test class's {@code main} on the test class path, whose standard output the
 * test reads line by line (each wait bounded) and which it can kill with SIGKILL. Standard error
 * goes to a log file named in every failure.
 */
final class ChildJvm implements AutoCloseable {
  /** The marker the reader queues when the child's output ends. */
  private static final String END = "\u0000end";

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the child was killed mid-line; what it printed before is queued
              } finally {
                lines.add(END);
              }
            },
            "child-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  static ChildJvm start(Class<?> main, List<String> args) {
    return start(main, List.of(), args);
  }

  /** Starts {@code main} with {@code jvmOptions} (e.g. {@code -Dname=value}) before the class. */
  static ChildJvm start(Class<?> main, List<String> jvmOptions, List<String> args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    // A short-lived child: C1 only starts it sooner; the heap bound keeps several children small.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xmx256m");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(args);
    try {
      Path log = Files.createTempFile("pulse-child-", ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new ChildJvm(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the child's next line of output, waiting at most {@code timeout} for it.
   *
   * @throws AssertionError if none comes in time or the output ended
   */
  String next(Duration timeout) throws InterruptedException {
    String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null) {
      return fail("child printed nothing for " + timeout + "; its log: " + log);
    }
    if (line.equals(END)) {
      process.waitFor();
      return fail("child ended (exit " + process.exitValue() + ") early; its log: " + log);
    }
    return line;
  }

  /** Writes a line to the child's standard input. */
  void send(String line) {
    try {
      process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits for the child to exit, at most {@code timeout}, and tells whether it is still running: a
   * bounded wait on the child itself, which lets a kill land at a random point of its work.
   */
  boolean aliveAfter(Duration timeout) throws InterruptedException {
    return !process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Kills the child with SIGKILL and waits until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Waits for the child to exit and returns its exit value. */
  int exitValue(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return fail("child did not exit within " + timeout + "; its log: " + log);
    }
    return process.exitValue();
  }

  Path log() {
    return log;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
