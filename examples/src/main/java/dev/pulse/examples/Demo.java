package dev.pulse.examples;

import dev.pulse.PulseClock;
import dev.pulse.cli.CliContext;
import dev.pulse.cli.ProgressView;
import dev.pulse.cli.PulseCli;
import dev.pulse.config.ConnectorCatalog;
import dev.pulse.config.Environment;
import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.DeploymentSystem;
import dev.pulse.testkit.fake.jira.FakeJira;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The Pulse demo: a generated engineering organisation served by the testkit's fake Jira (ten
 * projects, one of 100,000 issues, sized by a power law) plus the deployments of 30 repositories
 * (failures and recoveries in several environments), ingested into an embedded SQLite file with
 * live per-scope progress, then the DORA and flow report and the pipeline status.
 *
 * <p>It drives the real {@code pulse} command line ({@link PulseCli}) in-process: validate,
 * migrate, ingest, metrics, status. Its state lives in a directory ({@code pulse-demo} by default):
 * run it again and it is incremental (the organisation has grown a little; only the new data is
 * fetched, and the output says how much); interrupt it and run it again and it resumes where the
 * last stored batch ended. Run it with {@code java -jar examples/target/pulse-demo.jar [DIRECTORY]
 * [--big-project ISSUES]}.
 */
public final class Demo {
  static final Instant START = Instant.parse("2026-06-01T08:00:00Z");
  static final Instant REPORT_END = Instant.parse("2026-09-01T00:00:00Z");
  static final String TOKEN_VARIABLE = "DEMO_JIRA_TOKEN";
  private static final String STATE_FILE = "generation";
  private static final String[] PROJECTS = {
    "CORE", "WEB", "MOB", "DATA", "OPS", "PAY", "AUTH", "SRCH", "INFRA", "DOCS"
  };

  private Demo() {}

  /**
   * Runs the demo.
   *
   * @param args {@code [DIRECTORY] [--big-project ISSUES]}
   */
  public static void main(String[] args) {
    PulseCli.quietLogs();
    Path home = Path.of("pulse-demo");
    int bigProject = 100_000;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--big-project") && i + 1 < args.length) {
        bigProject = Integer.parseInt(args[++i]);
      } else {
        home = Path.of(args[i]);
      }
    }
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = run(home, bigProject, out, err, ProgressView.stdoutIsTerminal());
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the demo in this process and returns the exit code of its first failing step, or 0.
   *
   * @param home the state directory (SQLite file, configuration, generation counter)
   * @param bigProject issues of the largest project
   * @param out standard output
   * @param err standard error
   * @param terminal whether progress is redrawn in place
   * @return the exit code
   */
  public static int run(
      Path home, int bigProject, PrintWriter out, PrintWriter err, boolean terminal) {
    int generation = readGeneration(home);
    Map<String, Integer> projects = projectSizes(bigProject);
    long issues = projects.values().stream().mapToLong(Integer::longValue).sum();
    try (FakeJira jira = organisation(projects, generation)) {
      Path config = home.resolve("pulse.json");
      write(config, config(jira, generation));
      out.printf(
          "== Pulse demo, run %d: %,d Jira issues in %d projects (largest %,d) and the"
              + " deployments of 30 repositories, into %s%n",
          generation + 1,
          issues + (long) generation * newIssuesPerGeneration(),
          projects.size(),
          bigProject,
          home.resolve("pulse.db"));
      if (generation > 0) {
        out.printf(
            "   since the last completed run the organisation grew by %d issues, %d edits and one"
                + " day of deployments; only those are fetched%n",
            newIssuesPerGeneration(), editsPerGeneration());
      }
      out.flush();
      CliContext context =
          new CliContext(
              new DemoEnvironment(Environment.system()),
              ConnectorCatalog.discover(Demo.class.getClassLoader()),
              PulseClock.system(),
              terminal);
      String file = config.toString();
      int code = step(out, err, context, "validate", "--config", file, "validate");
      code = code != 0 ? code : step(out, err, context, "migrate", "--config", file, "migrate");
      code = code != 0 ? code : step(out, err, context, "ingest", "--config", file, "ingest");
      if (code != 0) {
        return code;
      }
      writeGeneration(home, generation + 1);
      step(
          out,
          err,
          context,
          "metrics",
          "--config",
          file,
          "metrics",
          "--until",
          REPORT_END.toString(),
          "--window",
          "90d");
      return step(out, err, context, "status", "--config", file, "status");
    }
  }

  private static int step(
      PrintWriter out, PrintWriter err, CliContext context, String title, String... args) {
    out.println();
    out.println("$ pulse " + String.join(" ", List.of(args).subList(2, args.length)));
    out.flush();
    int code = PulseCli.run(args, out, err, context);
    out.flush();
    if (code != 0) {
      err.println("demo: pulse " + title + " exited with " + code);
    }
    return code;
  }

  /** Ten projects whose sizes fall off as a power law (size of rank r = big / r^2). */
  static Map<String, Integer> projectSizes(int bigProject) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (int rank = 1; rank <= PROJECTS.length; rank++) {
      sizes.put(PROJECTS[rank - 1], Math.max(20, bigProject / (rank * rank)));
    }
    return sizes;
  }

  static int newIssuesPerGeneration() {
    return 25;
  }

  static int editsPerGeneration() {
    return 10;
  }

  /**
   * Starts the fake Jira with the organisation as it is after {@code generation} completed runs:
   * each generation adds issues to a few projects and edits older ones, later than anything before.
   */
  static FakeJira organisation(Map<String, Integer> projects, int generation) {
    FakeJira.Builder builder =
        FakeJira.builder().seed(42).start(START).maxResultsCap(100).nulBytes(false);
    projects.forEach(builder::project);
    FakeJira jira = builder.start();
    // The fake spaces updates a minute apart plus up to a day or so of jitter: new data starts
    // after.
    Instant after =
        START
            .plus(Duration.ofMinutes(projects.values().iterator().next()))
            .plus(Duration.ofDays(3));
    for (int g = 1; g <= generation; g++) {
      Instant at = after.plus(Duration.ofHours(g));
      for (int i = 0; i < newIssuesPerGeneration(); i++) {
        jira.add(PROJECTS[i % 3], at.plusSeconds(i));
      }
      for (int i = 0; i < editsPerGeneration(); i++) {
        String project = PROJECTS[i % 4];
        List<String> keys = jira.keysInOrder(project);
        jira.edit(
            keys.get((g * 7 + i * 13) % Math.max(1, keys.size() / 2)), at.plusSeconds(100 + i));
      }
    }
    return jira;
  }

  private static String config(FakeJira jira, int generation) {
    return """
        {"store": {"url": "jdbc:sqlite:pulse.db"},
         "pipelines": [{
           "name": "demo", "tenant": "acme", "labels": {"team": "platform"},
           "globalConcurrency": 4,
           "sources": [
             {"type": "jira", "concurrency": 3,
              "settings": {"baseUrl": "%s", "email": "%s", "token": "${%s}",
                           "credentialName": "demo-jira"}},
             {"type": "demo-deployments", "concurrency": 1,
              "settings": {"repositories": 30, "days": 70, "generation": %d}}]}]}
        """
        .formatted(jira.baseUri(), FakeJira.EMAIL, TOKEN_VARIABLE, generation);
  }

  private static int readGeneration(Path home) {
    try {
      Path state = home.resolve(STATE_FILE);
      return Files.exists(state) ? Integer.parseInt(Files.readString(state).strip()) : 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  private static void writeGeneration(Path home, int generation) {
    write(home.resolve(STATE_FILE), Integer.toString(generation));
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The process environment plus the fake Jira's token, which the configuration refers to. */
  private static final class DemoEnvironment implements Environment {
    private final Environment system;

    DemoEnvironment(Environment system) {
      this.system = system;
    }

    @Override
    public Optional<String> variable(String name) {
      return name.equals(TOKEN_VARIABLE) ? Optional.of(FakeJira.TOKEN) : system.variable(name);
    }

    @Override
    public Optional<String> file(String path) {
      return system.file(path);
    }
  }

  /** Repository names of the generated organisation, e.g. {@code acme/svc-07}. */
  static List<String> repositories(int count) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      names.add(String.format(java.util.Locale.ROOT, "acme/svc-%02d", i));
    }
    return names;
  }

  /**
   * Generates a deterministic deployment history: a few deployments a day per repository, a failure
   * now and then followed by a fix in the same environment, and production named "prod" or
   * "production" by different pipelines. A longer history starts with the same days.
   */
  static List<Deployment> generate(
      Random random, Instant from, int days, int firstBuild, List<String> repositories) {
    List<Deployment> deployments = new ArrayList<>();
    int build = firstBuild;
    for (int day = 0; day < days; day++) {
      for (String repository : repositories) {
        int perDay = 1 + random.nextInt(4);
        Instant at = from.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(random.nextInt(120)));
        String failedIn = null;
        for (int i = 0; i < perDay || failedIn != null; i++) {
          String environment =
              failedIn != null
                  ? failedIn
                  : random.nextInt(5) == 0
                      ? (random.nextBoolean() ? "staging" : "qa")
                      : random.nextBoolean() ? "prod" : "production";
          boolean fails = failedIn == null && random.nextInt(8) == 0;
          Duration took = Duration.ofMinutes(4 + random.nextInt(10));
          deployments.add(
              Deployment.builder()
                  .repository(repository)
                  .environment(environment)
                  .buildId(Integer.toString(++build))
                  .startedAt(at)
                  .finishedAt(at.plus(took))
                  .result(fails ? DeploymentResult.FAILURE : DeploymentResult.SUCCESS)
                  .system(DeploymentSystem.JENKINS)
                  .build());
          failedIn = fails ? environment : null;
          at =
              at.plus(took)
                  .plus(
                      Duration.ofMinutes(
                          fails ? 20 + random.nextInt(180) : 60 + random.nextInt(240)));
        }
      }
    }
    return deployments;
  }
}
