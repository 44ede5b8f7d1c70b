package dev.pulse.testkit.fake.jenkins;

import dev.pulse.testkit.fake.FakeHttpServer;
import dev.pulse.testkit.fake.FakeHttpServer.Request;
import dev.pulse.testkit.fake.FakeHttpServer.Response;
import dev.pulse.testkit.fake.FakeJson;
import dev.pulse.testkit.fake.Fault;
import dev.pulse.testkit.fake.RandomChanges;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * A fake Jenkins on a loopback port, serving a deterministic, seeded set of folders, multibranch
 * projects and jobs with their builds and pipeline stages.
 *
 * <p>Endpoints, shaped after Jenkins' JSON API: {@code GET [context]/api/json} (the root, {@code
 * jobs}), {@code GET .../job/<name>/.../api/json} (a folder's {@code jobs}, or a job's {@code
 * allBuilds} / {@code builds}, honouring the {@code tree} parameter's field list for builds and its
 * range {@code {M,N}}, {@code {M,}}, {@code {,N}}, {@code {N}}; {@code builds} holds only the
 * newest 100, {@code allBuilds} every build, newest first), and {@code GET .../job/<name>/<n>/wfapi
 * /describe} (a pipeline build's stages; 404 for a freestyle job). A request without the expected
 * basic credentials gets 401.
 *
 * <p>The standard organisation ({@link Builder#standardOrganisation}) holds: folder {@code
 * payments} with pipelines {@code deploy-prod} and {@code deploy-staging} (git {@code
 * acme/payments}; the newest {@code deploy-prod} build is running); folders {@code platform/infra}
 * with freestyle {@code deploy-prod-eu} and {@code deploy-prod-us} (two production environments,
 * git {@code acme/infra}); multibranch project {@code api} with branch jobs {@code main} and {@code
 * feature%2Flogin} whose pipelines have {@code Deploy staging} and {@code Deploy prod} stages,
 * skipped on the feature branch and after a failed test stage (an older {@code main} build is still
 * running, waiting for input); freestyle {@code legacy-deploy-prod} without git data; freestyle
 * {@code nightly-tests} (no environment); an empty folder {@code archive}. Results mix successes,
 * failures followed by recoveries, aborts, unstable and not-built builds; NUL bytes appear in some
 * branch names, stage names and remote URLs.
 *
 * <p>Data changes on demand: {@link #addBuild}, {@link #startBuild}, {@link #finishBuild}, {@link
 * #resetNumbering} (a job whose numbers start again at 1: re-used numbers), {@link #deleteBuild},
 * and {@link #afterBuildsCall} (a change right after the n-th {@code allBuilds} answer, between
 * pages). Faults are injected through {@link #inject}. Thread-safe; {@link #close()} stops the
 * server.
 */
public final class FakeJenkins implements AutoCloseable {
  /** The user the fake expects. */
  public static final String USER = "pulse-bot";

  /** The API token the fake expects. */
  public static final String TOKEN = "11f0e2d3c4b5a69788fake-jenkins-token";

  /** The class of a pipeline job. */
  public static final String PIPELINE = "org.jenkinsci.plugins.workflow.job.WorkflowJob";

  /** The class of a freestyle job. */
  public static final String FREESTYLE = "hudson.model.FreeStyleProject";

  /** The class of a folder. */
  public static final String FOLDER = "com.cloudbees.hudson.plugins.folder.Folder";

  /** The class of a multibranch project. */
  public static final String MULTIBRANCH =
      "org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject";

  private static final String BUILD_DATA = "hudson.plugins.git.util.BuildData";
  private static final Duration STEP = Duration.ofMinutes(7);

  private final Builder config;
  private final FakeHttpServer server;
  private final Node root = new Node("", "hudson.model.Hudson", true);
  private final Map<String, Node> jobs = new LinkedHashMap<>();
  private final Map<Integer, Runnable> afterBuilds = new HashMap<>();
  private @Nullable RandomChanges randomChanges;
  private final Random random;
  private int buildsCalls;

  /** A folder, multibranch project or job. */
  private static final class Node {
    final String name;
    final String type;
    final boolean container;
    final Map<String, Node> children = new LinkedHashMap<>();
    // Ascending by number; Jenkins lists them reversed.
    final List<FakeBuild> builds = new ArrayList<>();
    String path = "";
    @Nullable String remoteUrl;
    @Nullable String branch;
    List<String> stageNames = List.of();
    long nextNumber = 1;

    Node(String name, String type, boolean container) {
      this.name = name;
      this.type = type;
      this.container = container;
    }
  }

  private FakeJenkins(Builder config) {
    this.config = config;
    this.random = new Random(config.seed);
    if (config.standard) {
      standard();
    }
    for (JobSpec spec : config.jobs) {
      Node job = job(spec.fullName, spec.type, spec.remoteUrl, "refs/remotes/origin/main");
      if (spec.type.equals(PIPELINE)) {
        job.stageNames = List.of("Checkout", "Build", "Deploy " + lastWord(spec.fullName));
      }
      generate(job, spec.builds, config.start, config.sharing, config.sharedFrom);
    }
    this.server = FakeHttpServer.start(this::handle);
  }

  private static String lastWord(String fullName) {
    String last = fullName.substring(fullName.lastIndexOf('/') + 1);
    int dash = last.lastIndexOf('-');
    return dash < 0 ? last : last.substring(dash + 1);
  }

  /**
   * Starts configuring a fake.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private void standard() {
    int n = config.buildsPerJob;
    Instant t = config.start;
    container("payments", FOLDER);
    Node prod = job("payments/deploy-prod", PIPELINE, "https://github.com/acme/payments.git", null);
    prod.stageNames = List.of("Checkout", "Build", "Deploy prod");
    generate(prod, n, t, 0, -1);
    Node staging =
        job("payments/deploy-staging", PIPELINE, "https://github.com/acme/payments.git", null);
    staging.stageNames = List.of("Checkout", "Build", "Deploy staging");
    generate(staging, n, t.plusSeconds(60), 0, -1);
    container("platform", FOLDER);
    container("platform/infra", FOLDER);
    generate(
        job("platform/infra/deploy-prod-eu", FREESTYLE, "git@github.com:acme/infra.git", null),
        n,
        t.plusSeconds(120),
        0,
        -1);
    generate(
        job("platform/infra/deploy-prod-us", FREESTYLE, "git@github.com:acme/infra.git", null),
        n,
        t.plusSeconds(180),
        0,
        -1);
    container("api", MULTIBRANCH);
    Node main = job("api/main", PIPELINE, "https://github.com/acme/api.git", null);
    main.stageNames = List.of("Checkout", "Build", "Test", "Deploy staging", "Deploy prod");
    generate(main, n, t.plusSeconds(240), 0, -1);
    Node feature =
        job(
            "api/feature%2Flogin",
            PIPELINE, "https://github.com/acme/api.git", "refs/remotes/origin/feature/login");
    feature.stageNames = main.stageNames;
    generate(feature, Math.max(1, n / 2), t.plusSeconds(300), 0, -1);
    generate(job("legacy-deploy-prod", FREESTYLE, null, null), n, t.plusSeconds(360), 0, -1);
    generate(
        job("nightly-tests", FREESTYLE, "https://github.com/acme/api.git", null),
        n,
        t.plusSeconds(420),
        0,
        -1);
    container("archive", FOLDER);
    if (config.running && n >= 3) {
      startBuild("payments/deploy-prod");
      // An older build waits for input while two newer ones have finished.
      List<FakeBuild> mainBuilds = main.builds;
      int waiting = mainBuilds.size() - 3;
      FakeBuild old = mainBuilds.get(waiting);
      mainBuilds.set(waiting, running(main, old.number(), old.startedAt()));
    }
  }

  private Node container(String fullName, String type) {
    Node parent = root;
    String[] names = fullName.split("/");
    for (int i = 0; i < names.length; i++) {
      String name = names[i];
      Node child = parent.children.get(name);
      if (child == null) {
        child = new Node(name, i == names.length - 1 ? type : FOLDER, true);
        child.path = String.join("/", java.util.Arrays.copyOf(names, i + 1));
        parent.children.put(name, child);
      }
      parent = child;
    }
    return parent;
  }

  private Node job(
      String fullName, String type, @Nullable String remoteUrl, @Nullable String branch) {
    int slash = fullName.lastIndexOf('/');
    Node parent = slash < 0 ? root : container(fullName.substring(0, slash), FOLDER);
    Node job = new Node(fullName.substring(slash + 1), type, false);
    job.path = fullName;
    job.remoteUrl = remoteUrl;
    job.branch = branch != null ? branch : "refs/remotes/origin/main";
    parent.children.put(job.name, job);
    jobs.put(fullName, job);
    return job;
  }

  private void generate(Node job, int count, Instant start, int sharing, int sharedFrom) {
    int from = sharing > 0 ? (sharedFrom >= 0 ? sharedFrom : count / 3) : -1;
    Instant t = start;
    String previous = "SUCCESS";
    for (int i = 0; i < count; i++) {
      boolean shared = from >= 0 && i > from && i < from + sharing;
      if (!shared && i > 0) {
        t = t.plus(config.spacing);
      }
      String result = nextResult(previous);
      previous = result;
      job.builds.add(finished(job, job.nextNumber++, t, result));
    }
  }

  private String nextResult(String previous) {
    int r = random.nextInt(100);
    if (previous.equals("FAILURE")) {
      return r < 80 ? "SUCCESS" : "FAILURE"; // most failures are fixed by the next build
    }
    if (r < 15) {
      return "FAILURE";
    }
    if (r < 20) {
      return "ABORTED";
    }
    if (r < 25) {
      return "UNSTABLE";
    }
    if (r < 27) {
      return "NOT_BUILT";
    }
    return "SUCCESS";
  }

  private FakeBuild finished(Node job, long number, Instant startedAt, String result) {
    Duration duration = Duration.ofSeconds(60 + random.nextInt(540));
    return new FakeBuild(
        number,
        startedAt,
        duration,
        result,
        false,
        job.remoteUrl == null ? null : sha(),
        job.remoteUrl == null ? null : noisy(job.remoteUrl, number, 11),
        job.remoteUrl == null ? null : noisy(Objects.requireNonNull(job.branch), number, 7),
        stages(job, number, startedAt, duration, result));
  }

  private FakeBuild running(Node job, long number, Instant startedAt) {
    return new FakeBuild(
        number,
        startedAt,
        Duration.ZERO,
        null,
        true,
        job.remoteUrl == null ? null : sha(),
        job.remoteUrl,
        job.branch,
        stages(job, number, startedAt, Duration.ZERO, null));
  }

  /** Puts a NUL into some builds' texts, where the option is on. */
  private String noisy(String text, long number, int every) {
    if (!config.nulBytes || number % every != 3 || text.length() < 4) {
      return text;
    }
    int middle = text.length() - 3;
    return text.substring(0, middle) + '\u0000' + text.substring(middle);
  }

  private String sha() {
    StringBuilder sha = new StringBuilder(40);
    for (int i = 0; i < 40; i++) {
      sha.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sha.toString();
  }

  /**
   * The stages a build ran: all of them on success; on failure the build stage fails (later stages
   * skipped) or, every other time, the last deploy stage fails; an abort stops the last stage; an
   * unstable build has an unstable stage before the deploy; a feature branch skips deploys.
   */
  private List<FakeBuild.Stage> stages(
      Node job, long number, Instant startedAt, Duration duration, @Nullable String result) {
    List<String> names = job.stageNames;
    if (names.isEmpty()) {
      return List.of();
    }
    List<FakeBuild.Stage> stages = new ArrayList<>();
    boolean feature = !Objects.requireNonNull(job.branch).endsWith("/main");
    long slice = Math.max(1, duration.toMillis() / names.size());
    boolean stopped = false;
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      boolean deploy = name.startsWith("Deploy");
      boolean last = i == names.size() - 1;
      String status;
      if (result == null) {
        status = i == 0 ? "IN_PROGRESS" : "NOT_EXECUTED";
      } else if (stopped || (deploy && feature) || result.equals("NOT_BUILT")) {
        status = "NOT_EXECUTED";
      } else if (result.equals("FAILURE")) {
        if (number % 2 == 0 && name.equals("Build")) {
          status = "FAILED";
          stopped = true;
        } else {
          status = last ? "FAILED" : "SUCCESS";
        }
      } else if (result.equals("ABORTED")) {
        status = last ? "ABORTED" : "SUCCESS";
      } else if (result.equals("UNSTABLE")) {
        status = name.equals("Build") ? "UNSTABLE" : "SUCCESS";
      } else {
        status = "SUCCESS";
      }
      boolean ran = !status.equals("NOT_EXECUTED");
      String shown = deploy && ran ? noisy(name, number, 5) : name;
      stages.add(
          new FakeBuild.Stage(
              shown,
              status,
              startedAt.plusMillis(slice * i),
              ran ? Duration.ofMillis(slice) : Duration.ZERO));
    }
    return stages;
  }

  /**
   * Returns the underlying server, for fault injection and the request log.
   *
   * @return the server
   */
  public FakeHttpServer server() {
    return server;
  }

  /**
   * Returns the base URL to configure a connector with, including the context path and a trailing
   * slash.
   *
   * @return the base URL
   */
  public URI baseUri() {
    return URI.create(server.baseUri() + config.contextPath + "/");
  }

  /**
   * Injects a fault for the next request below the path prefix (after the context path), e.g.
   * {@code /job/payments}.
   *
   * @param pathPrefix the prefix, or {@code /} for any request
   * @param fault the fault
   * @return this fake
   */
  public FakeJenkins inject(String pathPrefix, Fault fault) {
    server.inject(config.contextPath + pathPrefix, fault);
    return this;
  }

  /**
   * Returns the full names of every job (not folders), in creation order.
   *
   * @return the names, e.g. {@code payments/deploy-prod}
   */
  public synchronized List<String> jobNames() {
    return List.copyOf(jobs.keySet());
  }

  /**
   * Returns a job's builds, oldest first.
   *
   * @param fullName the job's full name
   * @return the builds
   */
  public synchronized List<FakeBuild> builds(String fullName) {
    return List.copyOf(node(fullName).builds);
  }

  /**
   * Returns the git remote a job's builds report, or null when it has none.
   *
   * @param fullName the job's full name
   * @return the URL
   */
  public synchronized @Nullable String remoteUrl(String fullName) {
    return node(fullName).remoteUrl;
  }

  /**
   * Returns how many {@code allBuilds} answers were served.
   *
   * @return the count
   */
  public synchronized int buildsCalls() {
    return buildsCalls;
  }

  /**
   * Adds a finished build, started a few minutes after the job's newest build.
   *
   * @param fullName the job's full name
   * @param result its result, e.g. {@code SUCCESS}
   * @return the build
   */
  public synchronized FakeBuild addBuild(String fullName, String result) {
    Objects.requireNonNull(result, "result");
    Node job = node(fullName);
    FakeBuild build = finished(job, job.nextNumber++, nextStart(job), result);
    job.builds.add(build);
    return build;
  }

  /**
   * Starts a build that keeps running until {@link #finishBuild}.
   *
   * @param fullName the job's full name
   * @return the running build
   */
  public synchronized FakeBuild startBuild(String fullName) {
    Node job = node(fullName);
    FakeBuild build = running(job, job.nextNumber++, nextStart(job));
    job.builds.add(build);
    return build;
  }

  /**
   * Finishes a running build.
   *
   * @param fullName the job's full name
   * @param number the build number
   * @param result its result
   * @return the finished build
   */
  public synchronized FakeBuild finishBuild(String fullName, long number, String result) {
    Node job = node(fullName);
    for (int i = 0; i < job.builds.size(); i++) {
      FakeBuild b = job.builds.get(i);
      if (b.number() == number) {
        FakeBuild done = finished(job, number, b.startedAt(), result);
        job.builds.set(i, done);
        return done;
      }
    }
    throw new IllegalArgumentException("job " + fullName + " has no build " + number);
  }

  /**
   * Deletes every build of a job and starts its numbering again at 1, as a job deleted and
   * re-created under the same name: the next builds re-use old numbers with new start times.
   *
   * @param fullName the job's full name
   */
  public synchronized void resetNumbering(String fullName) {
    Node job = node(fullName);
    Instant next = nextStart(job);
    job.builds.clear();
    job.nextNumber = 1;
    job.builds.add(finished(job, job.nextNumber++, next, "SUCCESS"));
  }

  /**
   * Deletes one build (a user or a retention policy removed it).
   *
   * @param fullName the job's full name
   * @param number the build number
   */
  public synchronized void deleteBuild(String fullName, long number) {
    node(fullName).builds.removeIf(b -> b.number() == number);
  }

  /**
   * Starts the seeded random-change mode: after every {@code allBuilds} answer, {@code perAnswer}
   * changes in random jobs, each a new build (finished with a random result, or, one time in three,
   * still running), a running build finishing (the update; none if nothing runs), or a deleted
   * build. Ids are {@code <job>#<number>}.
   *
   * @param seed the seed
   * @param perAnswer changes after each answer
   * @return the mode, to stop it and to read what changed
   */
  public synchronized RandomChanges changeRandomly(long seed, int perAnswer) {
    List<String> results = List.of("SUCCESS", "FAILURE", "ABORTED", "UNSTABLE");
    RandomChanges changes =
        new RandomChanges(
            seed,
            perAnswer,
            new RandomChanges.Target() {
              @Override
              public String create(SplittableRandom r) {
                synchronized (FakeJenkins.this) {
                  List<String> names = new ArrayList<>(jobs.keySet());
                  String job = names.get(r.nextInt(names.size()));
                  FakeBuild build =
                      r.nextInt(3) == 0
                          ? startBuild(job)
                          : addBuild(job, results.get(r.nextInt(results.size())));
                  return job + "#" + build.number();
                }
              }

              @Override
              public @Nullable String update(SplittableRandom r) {
                synchronized (FakeJenkins.this) {
                  List<String> running = new ArrayList<>();
                  jobs.forEach(
                      (name, job) ->
                          job.builds.stream()
                              .filter(FakeBuild::building)
                              .forEach(b -> running.add(name + "#" + b.number())));
                  if (running.isEmpty()) {
                    return null;
                  }
                  String id = running.get(r.nextInt(running.size()));
                  int hash = id.lastIndexOf('#');
                  finishBuild(
                      id.substring(0, hash),
                      Long.parseLong(id.substring(hash + 1)),
                      results.get(r.nextInt(results.size())));
                  return id;
                }
              }

              @Override
              public @Nullable String delete(SplittableRandom r) {
                synchronized (FakeJenkins.this) {
                  List<String> all = new ArrayList<>();
                  jobs.forEach(
                      (name, job) -> job.builds.forEach(b -> all.add(name + "#" + b.number())));
                  if (all.isEmpty()) {
                    return null;
                  }
                  String id = all.get(r.nextInt(all.size()));
                  int hash = id.lastIndexOf('#');
                  deleteBuild(id.substring(0, hash), Long.parseLong(id.substring(hash + 1)));
                  return id;
                }
              }
            });
    randomChanges = changes;
    return changes;
  }

  /**
   * Runs a change right after the n-th {@code allBuilds} answer (counting from 1 over all jobs),
   * between two pages of a client's walk.
   *
   * @param n the answer after which to change
   * @param change the change, e.g. {@code () -> fake.addBuild(job, "SUCCESS")}
   * @return this fake
   */
  public synchronized FakeJenkins afterBuildsCall(int n, Runnable change) {
    afterBuilds.put(n, Objects.requireNonNull(change, "change"));
    return this;
  }

  private Instant nextStart(Node job) {
    Instant last = config.start;
    for (FakeBuild b : job.builds) {
      if (b.startedAt().isAfter(last)) {
        last = b.startedAt();
      }
    }
    return last.plus(config.spacing.isZero() ? STEP : config.spacing);
  }

  private Node node(String fullName) {
    Node job = jobs.get(Objects.requireNonNull(fullName, "fullName"));
    if (job == null) {
      throw new IllegalArgumentException("no job " + fullName);
    }
    return job;
  }

  // ---- HTTP ----

  private Response handle(Request request) {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (config.user + ":" + config.token).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(request.header("Authorization"))) {
      return Response.json(401, "{\"message\":\"Invalid password/token for user\"}");
    }
    String path = request.path();
    if (!path.startsWith(config.contextPath + "/")) {
      return notFound();
    }
    String[] parts = path.substring(config.contextPath.length() + 1).split("/", -1);
    Runnable change = null;
    Response response;
    synchronized (this) {
      Node node = root;
      int i = 0;
      while (i + 1 < parts.length && parts[i].equals("job")) {
        Node child = node.children.get(parts[i + 1]);
        if (child == null) {
          return notFound();
        }
        node = child;
        i += 2;
      }
      List<String> rest = List.of(parts).subList(i, parts.length);
      String tree = request.param("tree", "");
      if (rest.equals(List.of("api", "json"))) {
        if (node.container) {
          response = Response.json(200, FakeJson.write(container(node, tree)));
        } else {
          boolean all = tree.contains("allBuilds[");
          if (all) {
            buildsCalls++;
            change = afterBuilds.remove(buildsCalls);
          }
          response = Response.json(200, FakeJson.write(jobJson(node, tree)));
        }
      } else if (rest.size() == 3
          && rest.get(1).equals("wfapi")
          && rest.get(2).equals("describe")
          && !node.container) {
        response = describe(node, rest.get(0));
      } else {
        return notFound();
      }
    }
    if (change != null) {
      change.run();
    }
    RandomChanges changes;
    synchronized (this) {
      changes = randomChanges;
    }
    if (changes != null && request.param("tree", "").contains("allBuilds[")) {
      changes.afterAnswer();
    }
    return response;
  }

  private static Response notFound() {
    return Response.json(404, "{\"message\":\"Not Found\"}");
  }

  private Map<String, @Nullable Object> container(Node node, String tree) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("_class", node.type);
    if (node != root) {
      out.put("name", node.name);
    } else {
      out.put("mode", "NORMAL");
      out.put("nodeName", "");
    }
    if (tree.isEmpty() || tree.contains("jobs")) {
      int depth = Math.max(1, count(tree, "jobs["));
      out.put("jobs", children(node, depth, urlOf(node)));
    }
    return out;
  }

  private String urlOf(Node node) {
    StringBuilder url = new StringBuilder(server.baseUri() + config.contextPath + "/");
    if (!node.path.isEmpty()) {
      for (String name : node.path.split("/", -1)) {
        url.append("job/").append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('/');
      }
    }
    return url.toString();
  }

  private List<Map<String, @Nullable Object>> children(Node node, int depth, String url) {
    List<Map<String, @Nullable Object>> list = new ArrayList<>();
    for (Node child : node.children.values()) {
      Map<String, @Nullable Object> c = new LinkedHashMap<>();
      c.put("_class", child.type);
      c.put("name", child.name);
      String childUrl = url + "job/" + URLEncoder.encode(child.name, StandardCharsets.UTF_8) + "/";
      c.put("url", childUrl);
      if (child.container && depth > 1) {
        c.put("jobs", children(child, depth - 1, childUrl));
      }
      list.add(c);
    }
    return list;
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  private Map<String, @Nullable Object> jobJson(Node job, String tree) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("_class", job.type);
    out.put("name", job.name);
    for (String property : new String[] {"allBuilds", "builds"}) {
      int at = tree.indexOf(property + "[");
      if (at < 0) {
        continue;
      }
      int close = matching(tree, at + property.length());
      Set<String> fields = topLevelFields(tree.substring(at + property.length() + 1, close));
      List<FakeBuild> newestFirst = new ArrayList<>(job.builds);
      java.util.Collections.reverse(newestFirst);
      if (property.equals("builds") && newestFirst.size() > 100) {
        newestFirst = newestFirst.subList(0, 100);
      }
      int[] range = range(tree, close + 1, newestFirst.size());
      List<Map<String, @Nullable Object>> builds = new ArrayList<>();
      for (FakeBuild b : newestFirst.subList(range[0], range[1])) {
        builds.add(buildJson(b, fields));
      }
      out.put(property, builds);
    }
    return out;
  }

  private static int matching(String tree, int open) {
    int depth = 0;
    for (int i = open; i < tree.length(); i++) {
      char c = tree.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced tree parameter");
  }

  private static Set<String> topLevelFields(String list) {
    Set<String> fields = new LinkedHashSet<>();
    int depth = 0;
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (c == '[' || c == '{') {
        depth++;
      } else if (c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        fields.add(name.toString().strip());
        name.setLength(0);
      } else if (depth == 0) {
        name.append(c);
      }
    }
    fields.add(name.toString().strip());
    return fields;
  }

  /** Jenkins' range syntax after a tree property: {M,N}, {M,}, {,N}, {N}; none is everything. */
  private static int[] range(String tree, int from, int size) {
    if (from >= tree.length() || tree.charAt(from) != '{') {
      return new int[] {0, size};
    }
    int close = tree.indexOf('}', from);
    String spec = tree.substring(from + 1, close);
    int comma = spec.indexOf(',');
    int lo;
    int hi;
    if (comma < 0) {
      lo = Integer.parseInt(spec.strip());
      hi = lo + 1;
    } else {
      String a = spec.substring(0, comma).strip();
      String b = spec.substring(comma + 1).strip();
      lo = a.isEmpty() ? 0 : Integer.parseInt(a);
      hi = b.isEmpty() ? size : Integer.parseInt(b);
    }
    lo = Math.max(0, Math.min(lo, size));
    hi = Math.max(lo, Math.min(hi, size));
    return new int[] {lo, hi};
  }

  private Map<String, @Nullable Object> buildJson(FakeBuild b, Set<String> fields) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put(
        "_class",
        b.stages().isEmpty()
            ? "hudson.model.FreeStyleBuild"
            : "org.jenkinsci.plugins.workflow.job.WorkflowRun");
    if (fields.contains("actions")) {
      List<Map<String, @Nullable Object>> actions = new ArrayList<>();
      actions.add(Map.of("_class", "hudson.model.CauseAction"));
      actions.add(new LinkedHashMap<>());
      if (b.sha() != null) {
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        data.put("_class", BUILD_DATA);
        Map<String, @Nullable Object> branch = new LinkedHashMap<>();
        branch.put("SHA1", b.sha());
        branch.put("name", b.branch());
        Map<String, @Nullable Object> revision = new LinkedHashMap<>();
        revision.put("SHA1", b.sha());
        revision.put("branch", List.of(branch));
        data.put("lastBuiltRevision", revision);
        data.put("remoteUrls", b.remoteUrl() == null ? List.of() : List.of(b.remoteUrl()));
        actions.add(data);
      }
      out.put("actions", actions);
    }
    if (fields.contains("building")) {
      out.put("building", b.building());
    }
    if (fields.contains("duration")) {
      out.put("duration", b.duration().toMillis());
    }
    if (fields.contains("number")) {
      out.put("number", b.number());
    }
    if (fields.contains("result")) {
      out.put("result", b.result());
    }
    if (fields.contains("timestamp")) {
      out.put("timestamp", b.startedAt().toEpochMilli());
    }
    return out;
  }

  private Response describe(Node job, String number) {
    if (job.stageNames.isEmpty()) {
      return notFound();
    }
    FakeBuild build = null;
    for (FakeBuild b : job.builds) {
      if (Long.toString(b.number()).equals(number)) {
        build = b;
      }
    }
    if (build == null) {
      return notFound();
    }
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("id", number);
    out.put("name", "#" + number);
    out.put("status", build.building() ? "IN_PROGRESS" : wfStatus(build.result()));
    out.put("startTimeMillis", build.startedAt().toEpochMilli());
    out.put("endTimeMillis", build.startedAt().plus(build.duration()).toEpochMilli());
    out.put("durationMillis", build.duration().toMillis());
    out.put("queueDurationMillis", 3);
    out.put("pauseDurationMillis", 0);
    List<Map<String, @Nullable Object>> stages = new ArrayList<>();
    int id = 6;
    for (FakeBuild.Stage s : build.stages()) {
      Map<String, @Nullable Object> stage = new LinkedHashMap<>();
      stage.put("id", Integer.toString(id));
      id += 4;
      stage.put("name", s.name());
      stage.put("execNode", "");
      stage.put("status", s.status());
      stage.put("startTimeMillis", s.startedAt().toEpochMilli());
      stage.put("durationMillis", s.duration().toMillis());
      stage.put("pauseDurationMillis", 0);
      stages.add(stage);
    }
    out.put("stages", stages);
    return Response.json(200, FakeJson.write(out));
  }

  private static String wfStatus(@Nullable String result) {
    if (result == null) {
      return "IN_PROGRESS";
    }
    return switch (result) {
      case "FAILURE" -> "FAILED";
      case "NOT_BUILT" -> "NOT_EXECUTED";
      default -> result;
    };
  }

  /** Stops the server. Idempotent. */
  @Override
  public void close() {
    server.close();
  }

  private record JobSpec(String fullName, String type, int builds, @Nullable String remoteUrl) {}

  /**
   * Configures a {@link FakeJenkins}. Defaults: seed 1, the standard organisation with 12 builds
   * per job, builds 7 minutes apart from 2026-01-05T09:00Z, running builds and NUL bytes on, no
   * context path, {@link #USER} and {@link #TOKEN}. Not thread-safe.
   */
  public static final class Builder {
    private long seed = 1;
    private boolean standard = true;
    private int buildsPerJob = 12;
    private Instant start = Instant.parse("2026-01-05T09:00:00Z");
    private Duration spacing = STEP;
    private boolean running = true;
    private boolean nulBytes = true;
    private String contextPath = "";
    private String user = USER;
    private String token = TOKEN;
    private final List<JobSpec> jobs = new ArrayList<>();
    private int sharing;
    private int sharedFrom = -1;

    private Builder() {}

    /**
     * Sets the seed of the generated data.
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Turns the standard organisation (see the class documentation) on or off.
     *
     * @param on whether to create it
     * @return this builder
     */
    public Builder standardOrganisation(boolean on) {
      this.standard = on;
      return this;
    }

    /**
     * Sets how many builds each job of the standard organisation has.
     *
     * @param count {@code >= 0}
     * @return this builder
     */
    public Builder buildsPerJob(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("buildsPerJob must be >= 0 but was " + count);
      }
      this.buildsPerJob = count;
      return this;
    }

    /**
     * Adds a job (its folders are created as plain folders) with generated finished builds, git
     * remote {@code https://github.com/acme/<first folder>.git}; a pipeline job gets the stages
     * Checkout, Build and {@code Deploy <last word of its name>}.
     *
     * @param fullName e.g. {@code team/deploy-prod}
     * @param type {@link #PIPELINE} or {@link #FREESTYLE}
     * @param builds how many builds, {@code >= 0}
     * @return this builder
     */
    public Builder job(String fullName, String type, int builds) {
      Objects.requireNonNull(fullName, "fullName");
      if (!type.equals(PIPELINE) && !type.equals(FREESTYLE)) {
        throw new IllegalArgumentException("type must be PIPELINE or FREESTYLE but was " + type);
      }
      if (builds < 0) {
        throw new IllegalArgumentException("builds must be >= 0 but was " + builds);
      }
      String first =
          fullName.contains("/") ? fullName.substring(0, fullName.indexOf('/')) : fullName;
      jobs.add(new JobSpec(fullName, type, builds, "https://github.com/acme/" + first + ".git"));
      return this;
    }

    /**
     * Gives {@code count} consecutive builds of every job added with {@link #job} one start time,
     * from the build at {@code fromIndex} (a third of the way in when negative).
     *
     * @param count how many share the time
     * @param fromIndex the first sharing build's index, or -1
     * @return this builder
     */
    public Builder sharingOneTimestamp(int count, int fromIndex) {
      this.sharing = count;
      this.sharedFrom = fromIndex;
      return this;
    }

    /**
     * Sets when the first builds start.
     *
     * @param start the start
     * @return this builder
     */
    public Builder start(Instant start) {
      this.start = Objects.requireNonNull(start, "start");
      return this;
    }

    /**
     * Sets the time between two builds of a job.
     *
     * @param spacing positive, e.g. 1 ms for builds within one second
     * @return this builder
     */
    public Builder buildSpacing(Duration spacing) {
      if (spacing.isNegative() || spacing.isZero()) {
        throw new IllegalArgumentException("buildSpacing must be > 0 but was " + spacing);
      }
      this.spacing = spacing;
      return this;
    }

    /**
     * Turns the standard organisation's running builds on or off.
     *
     * @param on whether builds run
     * @return this builder
     */
    public Builder runningBuilds(boolean on) {
      this.running = on;
      return this;
    }

    /**
     * Turns NUL bytes in branch names, deploy stage names and remote URLs on or off.
     *
     * @param on whether to include them
     * @return this builder
     */
    public Builder nulBytes(boolean on) {
      this.nulBytes = on;
      return this;
    }

    /**
     * Serves Jenkins below a context path, e.g. {@code /jenkins}.
     *
     * @param path empty, or {@code /} followed by a name
     * @return this builder
     */
    public Builder contextPath(String path) {
      if (!path.isEmpty() && (!path.startsWith("/") || path.endsWith("/"))) {
        throw new IllegalArgumentException(
            "contextPath must be empty or like /jenkins but was \"" + path + "\"");
      }
      this.contextPath = path;
      return this;
    }

    /**
     * Sets the user and token the fake accepts.
     *
     * @param user the user
     * @param token the API token
     * @return this builder
     */
    public Builder credentials(String user, String token) {
      this.user = Objects.requireNonNull(user, "user");
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * Starts the fake.
     *
     * @return the running fake
     */
    public FakeJenkins start() {
      return new FakeJenkins(this);
    }
  }
}
