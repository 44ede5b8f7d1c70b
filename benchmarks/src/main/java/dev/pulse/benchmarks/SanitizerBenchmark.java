package dev.pulse.benchmarks;

import dev.pulse.internal.Sanitizer;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of {@link Sanitizer#sanitize(String, int)} on hostile and typical messages: {@code
 * capped} is the production path (500 characters, so the input is cut before matching), {@code
 * uncapped} keeps the whole input so every pattern runs over all of it, which shows the time is
 * linear in the input (the quadratic masking it replaced took 16 s for 20 KB of {@code a-a-a-}).
 * {@code baseline} copies the input, the floor of any pass over it. Run with:
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar Sanitizer -f 1 -wi 2 -i 3 -w 1 -r 1
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class SanitizerBenchmark {
  /** The kind of message. */
  @Param({"dashes", "base64", "typical"})
  public String kind = "dashes";

  /** The message length in characters. */
  @Param({"20000", "1048576"})
  public int length = 20_000;

  private String message = "";

  /** Builds the message. */
  @Setup
  public void setUp() {
    message =
        switch (kind) {
          case "dashes" -> "a-".repeat(length / 2 + 1).substring(0, length);
          case "base64" -> {
            byte[] bytes = new byte[length];
            new Random(14).nextBytes(bytes);
            yield Base64.getEncoder().encodeToString(bytes).substring(0, length);
          }
          default ->
              ("HTTP 401 from https://bob:Tr0ub4dor3@jira.example.com/rest?access_token=Zq8v"
                      + " for jira:project:BG after 3 attempts; password=x;y z\n")
                  .repeat(length / 120 + 1)
                  .substring(0, length);
        };
  }

  /**
   * The floor: one copy of the input.
   *
   * @return the copy
   */
  @Benchmark
  public String baseline() {
    return new String(message.toCharArray());
  }

  /**
   * The production path: capped at 500 characters.
   *
   * @return the sanitized text
   */
  @Benchmark
  public String capped() {
    return String.valueOf(Sanitizer.sanitize(message, 500));
  }

  /**
   * Every pattern over the whole input.
   *
   * @return the sanitized text
   */
  @Benchmark
  public String uncapped() {
    return String.valueOf(Sanitizer.sanitize(message, Integer.MAX_VALUE / 8));
  }
}
