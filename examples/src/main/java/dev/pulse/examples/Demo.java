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
import dev.pulse.testkit.fake.github.FakeGitHub;
import dev.pulse.testkit.fake.jenkins.FakeJenkins;
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
 * projects, one of 100,000 issues, sized by a power law), fake GitHub (30 repositories, 20,000 pull
 * requests) and fake Jenkins (5,000 deployments of those repositories to prod, staging and qa, with
 * failures and recoveries), ingested through the {@code jira}, {@code github} and {@code jenkins}
 * connectors into an embedded SQLite file with live per-scope progress, then the DORA and flow
 * report and the pipeline status. Pull requests and deployments scale with the largest project (a
 * fifth and a twentieth of it).
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
  static final String GITHUB_TOKEN_VARIABLE = "DEMO_GITHUB_TOKEN";
  static final String JENKINS_TOKEN_VARIABLE = "DEMO_JENKINS_TOKEN";
  static final int REPOSITORIES = 30;
  // The fake merges a repository's pull requests a minute apart: this puts them inside the
  // report's window, among the deployments that ship them (lead time by branch and time).
  private static final Instant PULL_REQUESTS_START = START.plus(Duration.ofDays(45));
  private static final String[] ENVIRONMENTS = {"prod", "staging", "qa"};
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
    try (FakeJira jira = organisation(projects, generation);
        FakeGitHub github = gitHub(bigProject, generation);
        FakeJenkins jenkins = jenkins(bigProject, generation)) {
      Path config = home.resolve("pulse.json");
      write(config, config(jira, github, jenkins));
      out.printf(
          "== Pulse demo, run %d: %,d Jira issues in %d projects (largest %,d), %,d pull requests"
              + " and %,d deployments of %d repositories, into %s%n",
          generation + 1,
          issues + (long) generation * newIssuesPerGeneration(),
          projects.size(),
          bigProject,
          (long) REPOSITORIES * (pullRequestsPerRepository(bigProject) + generation),
          (long) REPOSITORIES * (buildsPerRepository(bigProject) + generation),
          REPOSITORIES,
          home.resolve("pulse.db"));
      if (generation > 0) {
        out.printf(
            "   since the last completed run the organisation grew by %d issues, %d edits, %d pull"
                + " requests and %d deployments; only those are fetched%n",
            newIssuesPerGeneration(), editsPerGeneration(), REPOSITORIES, REPOSITORIES);
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

  /** Pull requests of each repository before any growth: a fifth of the largest project. */
  static int pullRequestsPerRepository(int bigProject) {
    return Math.max(2, (bigProject / 5 + REPOSITORIES - 1) / REPOSITORIES);
  }

  /** Deployments of each repository, per environment: prod, staging, qa. */
  static int[] buildsPerEnvironment(int bigProject) {
    return new int[] {
      Math.max(3, bigProject / 1000), Math.max(2, bigProject / 2500), Math.max(1, bigProject / 3700)
    };
  }

  static int buildsPerRepository(int bigProject) {
    int sum = 0;
    for (int builds : buildsPerEnvironment(bigProject)) {
      sum += builds;
    }
    return sum;
  }

  /**
   * Starts the fake GitHub: 30 repositories of organisation {@code acme}; each generation adds one
   * pull request to every repository, later than anything before.
   */
  static FakeGitHub gitHub(int bigProject, int generation) {
    FakeGitHub.Builder builder =
        FakeGitHub.builder()
            .seed(42)
            .organization("acme")
            .start(PULL_REQUESTS_START)
            .nulBytes(false);
    List<String> names = repositories(REPOSITORIES);
    for (String name : names) {
      builder.repository(shortName(name), pullRequestsPerRepository(bigProject));
    }
    FakeGitHub github = builder.start();
    // The fake spaces pull requests a minute apart: new ones come days later.
    Instant after = PULL_REQUESTS_START.plus(Duration.ofDays(15));
    for (int g = 1; g <= generation; g++) {
      for (int i = 0; i < names.size(); i++) {
        github.add(names.get(i), after.plus(Duration.ofHours(g)).plusSeconds(i));
      }
    }
    return github;
  }

  /**
   * Starts the fake Jenkins: per repository one freestyle job per environment ({@code
   * svc-07/deploy-prod}, whose git remote names {@code acme/svc-07}), builds 20 hours apart with
   * failures mostly fixed by the next build; each generation adds one production deployment to
   * every repository.
   */
  static FakeJenkins jenkins(int bigProject, int generation) {
    FakeJenkins.Builder builder =
        FakeJenkins.builder()
            .seed(42)
            .standardOrganisation(false)
            .nulBytes(false)
            .start(START)
            .buildSpacing(Duration.ofHours(20));
    int[] builds = buildsPerEnvironment(bigProject);
    for (String name : repositories(REPOSITORIES)) {
      for (int e = 0; e < ENVIRONMENTS.length; e++) {
        builder.job(jobName(name, ENVIRONMENTS[e]), FakeJenkins.FREESTYLE, builds[e]);
      }
    }
    FakeJenkins jenkins = builder.start();
    for (int g = 1; g <= generation; g++) {
      for (String name : repositories(REPOSITORIES)) {
        jenkins.addBuild(jobName(name, "prod"), g % 4 == 0 ? "FAILURE" : "SUCCESS");
      }
    }
    return jenkins;
  }

  private static String jobName(String repository, String environment) {
    return shortName(repository) + "/deploy-" + environment;
  }

  private static String shortName(String repository) {
    return repository.substring(repository.indexOf('/') + 1);
  }

  /**
   * Two teams, each a pipeline labelled {@code team=...} with its own tenant: {@code platform} owns
   * every other Jira project (from the largest) and repositories 1 to 15, {@code product} the rest;
   * {@code pulse metrics} reports DORA per team from those labels.
   */
  private static String config(FakeJira jira, FakeGitHub github, FakeJenkins jenkins) {
    return """
        {"store": {"url": "jdbc:sqlite:pulse.db"},
         "pipelines": [%s,
                       %s]}
        """
        .formatted(
            pipeline("platform", 0, "0[1-9]|1[0-5]", jira, github, jenkins),
            pipeline("product", 1, "1[6-9]|2[0-9]|30", jira, github, jenkins));
  }

  private static String pipeline(
      String team,
      int parity,
      String repositoryNumbers,
      FakeJira jira,
      FakeGitHub github,
      FakeJenkins jenkins) {
    List<String> projects = new ArrayList<>();
    List<String> repositories = new ArrayList<>();
    for (int i = 0; i < PROJECTS.length; i++) {
      if (i % 2 == parity) {
        projects.add(PROJECTS[i]);
      }
    }
    java.util.regex.Pattern numbers = java.util.regex.Pattern.compile(repositoryNumbers);
    for (String name : repositories(REPOSITORIES)) {
      if (numbers.matcher(name.substring(name.length() - 2)).matches()) {
        repositories.add(name);
      }
    }
    return """
        {"name": "%s", "tenant": "acme-%s", "labels": {"team": "%s"},
           "globalConcurrency": 3,
           "sources": [
             {"type": "jira", "concurrency": 2,
              "settings": {"baseUrl": "%s", "email": "%s", "token": "${%s}",
                           "credentialName": "demo-jira", "projects": "%s"}},
             {"type": "github", "concurrency": 2,
              "settings": {"baseUrl": "%s", "repositories": "%s", "token": "${%s}",
                           "credentialName": "demo-github"}},
             {"type": "jenkins", "concurrency": 2,
              "settings": {"url": "%s", "user": "%s", "token": "${%s}",
                           "credentialName": "demo-jenkins", "jobFilter": "^svc-(%s)/"}}]}\
        """
        .formatted(
            team,
            team,
            team,
            jira.baseUri(),
            FakeJira.EMAIL,
            TOKEN_VARIABLE,
            String.join(",", projects),
            github.apiUri(),
            String.join(",", repositories),
            GITHUB_TOKEN_VARIABLE,
            jenkins.baseUri(),
            FakeJenkins.USER,
            JENKINS_TOKEN_VARIABLE,
            repositoryNumbers);
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

  /** The process environment plus the fakes' tokens, which the configuration refers to. */
  private static final class DemoEnvironment implements Environment {
    private final Environment system;

    DemoEnvironment(Environment system) {
      this.system = system;
    }

    @Override
    public Optional<String> variable(String name) {
      return switch (name) {
        case TOKEN_VARIABLE -> Optional.of(FakeJira.TOKEN);
        case GITHUB_TOKEN_VARIABLE -> Optional.of(FakeGitHub.TOKEN);
        case JENKINS_TOKEN_VARIABLE -> Optional.of(FakeJenkins.TOKEN);
        default -> system.variable(name);
      };
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
