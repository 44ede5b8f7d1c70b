package dev.pulse.benchmarks;

import dev.pulse.testkit.fake.github.FakeGitHub;
import dev.pulse.testkit.fake.jenkins.FakeJenkins;
import dev.pulse.testkit.fake.jira.FakeJira;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A testkit fake server for a connector benchmark, running either in the benchmark's own JVM or in
 * a child JVM pinned to other CPUs with {@code taskset}, so that the connector is measured alone on
 * its core. The connector benchmarks share this one setup (their {@code fakeCpus} parameter):
 * {@code inline} keeps the fake in the JVM (its JSON rendering is then in the time and allocation
 * figures); a CPU list such as {@code 1} starts {@code taskset -c 1 java -cp <this classpath>
 * dev.pulse.benchmarks.BenchFake <kind> <counts...>}, reads the fake's URI from the child's first
 * output line, and {@link #close()} ends the child (closing its standard input ends it too, so a
 * killed benchmark leaves no server behind).
 */
final class BenchFake implements AutoCloseable {
  /** The {@code fakeCpus} value that keeps the fake in the benchmark's JVM. */
  static final String INLINE = "inline";

  /** Which fake and how its data is shaped; the same for both placements. */
  enum Kind {
    /**
     * {@link FakeJira}: one project {@code BG} of {@code counts[0]} issues, pages capped at 100.
     */
    JIRA,
    /** {@link FakeGitHub}: one repository {@code acme/api} of {@code counts[0]} pull requests. */
    GITHUB,
    /**
     * {@link FakeJenkins}: a freestyle job {@code svc/deploy-prod} of {@code counts[0]} builds and
     * a pipeline job {@code svc/pipeline/deploy-prod} of {@code counts[1]} builds.
     */
    JENKINS
  }

  /** The Jenkins freestyle job {@link Kind#JENKINS} creates. */
  static final String JENKINS_JOB = "svc/deploy-prod";

  /** The Jenkins pipeline job {@link Kind#JENKINS} creates. */
  static final String JENKINS_PIPELINE = "svc/pipeline/deploy-prod";

  private final URI uri;
  private final AutoCloseable inline;
  private final @Nullable Process child;

  private BenchFake(URI uri, AutoCloseable inline, @Nullable Process child) {
    this.uri = uri;
    this.inline = inline;
    this.child = child;
  }

  /**
   * Starts a fake.
   *
   * @param cpus {@link #INLINE}, or a {@code taskset} CPU list for a child JVM
   * @param kind which fake
   * @param counts its record counts, as {@link Kind} describes
   * @return the running fake
   */
  static BenchFake start(String cpus, Kind kind, int... counts) {
    if (cpus.equals(INLINE)) {
      Running running = create(kind, counts);
      return new BenchFake(running.uri(), running.server(), null);
    }
    List<String> command = new ArrayList<>();
    command.add("taskset");
    command.add("-c");
    command.add(cpus);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BenchFake.class.getName());
    command.add(kind.name());
    for (int count : counts) {
      command.add(Integer.toString(count));
    }
    try {
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (line == null || !line.startsWith("URI ")) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "the fake server child " + command + " printed " + line + " instead of its URI");
      }
      return new BenchFake(URI.create(line.substring(4).strip()), () -> {}, process);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake server child " + command, e);
    }
  }

  /** The fake's base URI (Jira, Jenkins) or API URI (GitHub). */
  URI uri() {
    return uri;
  }

  /** Stops the fake, in this JVM or by ending the child. */
  @Override
  public void close() {
    Process process = child;
    if (process == null) {
      try {
        inline.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop the fake server", e);
      }
      return;
    }
    try {
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private record Running(URI uri, AutoCloseable server) {}

  private static Running create(Kind kind, int... counts) {
    return switch (kind) {
      case JIRA -> {
        FakeJira fake =
            FakeJira.builder().seed(42).project("BG", counts[0]).maxResultsCap(100).start();
        yield new Running(fake.baseUri(), fake);
      }
      case GITHUB -> {
        FakeGitHub fake = FakeGitHub.builder().seed(42).repository("api", counts[0]).start();
        yield new Running(fake.apiUri(), fake);
      }
      case JENKINS -> {
        FakeJenkins fake =
            FakeJenkins.builder()
                .seed(42)
                .standardOrganisation(false)
                .job(JENKINS_JOB, FakeJenkins.FREESTYLE, counts[0])
                .job(JENKINS_PIPELINE, FakeJenkins.PIPELINE, counts[1])
                .start();
        yield new Running(fake.baseUri(), fake);
      }
    };
  }

  /**
   * The child JVM's entry point: starts the fake, prints {@code URI <uri>}, and serves until its
   * standard input closes.
   *
   * @param args the {@link Kind} name, then the counts
   * @throws Exception when the fake cannot start or stop
   */
  public static void main(String[] args) throws Exception {
    Kind kind = Kind.valueOf(args[0].toUpperCase(Locale.ROOT));
    int[] counts = new int[args.length - 1];
    for (int i = 1; i < args.length; i++) {
      counts[i - 1] = Integer.parseInt(args[i]);
    }
    Running running = create(kind, counts);
    try {
      System.out.println("URI " + running.uri());
      System.out.flush();
      // Serve until the parent closes our input (or dies, which closes it too).
      while (System.in.read() >= 0) {
        // The parent writes nothing; any byte is ignored.
      }
    } finally {
      running.server().close();
    }
  }
}
