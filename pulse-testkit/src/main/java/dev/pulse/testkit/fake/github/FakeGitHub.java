package dev.pulse.testkit.fake.github;

import dev.pulse.PulseClock;
import dev.pulse.testkit.fake.FakeHttpServer;
import dev.pulse.testkit.fake.FakeHttpServer.Request;
import dev.pulse.testkit.fake.FakeHttpServer.Response;
import dev.pulse.testkit.fake.FakeJson;
import dev.pulse.testkit.fake.Fault;
import dev.pulse.testkit.fake.RandomChanges;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A fake GitHub on a loopback port, serving a deterministic, seeded organisation: repositories
 * (active, inactive and archived), pull requests with commits, reviews by their authors and by
 * others, drafts, reverts, labels and issue keys, and deployments with statuses in several
 * environments, failures and recoveries included.
 *
 * <p>GraphQL ({@code POST /graphql}; {@code /api/graphql} in {@linkplain Builder#enterprise
 * Enterprise} mode) does not parse queries: it recognises the Pulse connector's operations by
 * {@code operationName} ({@code PulseRepositories}, {@code PulsePullRequests}, {@code
 * PulsePullRequestBoundary}, {@code PulseRepository}, {@code PulseHealth}) and reads their
 * variables. Pull requests are served in {@code UPDATED_AT ASC} order (ties by number) with keyset
 * cursors, as GitHub's are: {@code first}/{@code after} forward, {@code last}/{@code before}
 * backward. Every answer carries {@code rateLimit { cost remaining resetAt limit }}, and a spent
 * budget answers {@code RATE_LIMITED} inside a 200. REST ({@code /api/v3} prefix in Enterprise
 * mode): {@code GET /repos/{o}/{r}}, {@code /deployments} (newest first, {@code per_page}/{@code
 * page}), {@code /deployments/{id}/statuses} (with {@code ETag}, 304 on a match), {@code GET
 * /compare/{base}...{head}} (the merge commits between, and the first 300 paths their pull requests
 * changed as {@code files[].filename}), {@code GET /rate_limit}, and {@code POST
 * /app/installations/{id}/access_tokens}, which checks the app's RS256 JWT against its public key
 * and issues an installation token that expires on the fake's clock. Every answer carries {@code
 * x-ratelimit-*} headers, except in Enterprise mode, which omits them as a server with rate
 * limiting off does. A request without a valid token gets 401.
 *
 * <p>Data changes on demand ({@link #edit}, {@link #add}, {@link #put}, {@link #afterGraphQlCall}
 * for changes between pages). Faults: the generic ones through {@link #inject} (5xx, resets,
 * malformed JSON, 401, slow answers), and GitHub's own: {@link #primaryRateLimit}, {@link
 * #secondaryRateLimit} (with or without {@code retry-after}), {@link #graphQlError} (errors in a
 * 200), {@link #rateLimitWindow} (the budget the answers report). NUL bytes appear in generated
 * titles and labels unless turned off. Thread-safe. {@link #close()} stops the server.
 */
public final class FakeGitHub implements AutoCloseable {
  /** The token the fake accepts. */
  public static final String TOKEN = "ghp_FakeGitHubToken0123456789abcdefABCD";

  /** The GitHub App id the fake accepts in JWTs. */
  public static final String APP_ID = "424242";

  /** The installation whose tokens the fake issues. */
  public static final long INSTALLATION_ID = 77;

  private static final int LIMIT = 5000;
  private static final Pattern REPO_PATH = Pattern.compile("/repos/([^/]+)/([^/]+)(/.*)?");
  private static final Pattern STATUSES = Pattern.compile("/deployments/(\\d+)/statuses");
  private static final int MAX_COMPARE_FILES = 300;
  private static final Pattern COMPARE =
      Pattern.compile("/compare/([0-9a-fA-F]+)\\.\\.\\.([0-9a-fA-F]+)");

  private final Builder config;
  private final FakeHttpServer server;
  private final Map<String, Repo> repos = new TreeMap<>();
  private final Deque<PendingFault> faults = new ArrayDeque<>();
  private final Map<Integer, Runnable> afterGraphQl = new HashMap<>();
  private @Nullable RandomChanges randomChanges;
  // The random changes' clock: past every pull request's update time, moving forward.
  private @Nullable Instant changeClock;
  private final Map<String, Instant> installationTokens = new HashMap<>();
  private final Random random;
  private int graphQlCalls;
  private long remaining = LIMIT;
  private Instant resetAt;
  private long tokensIssued;

  private static final class Repo {
    final String fullName;
    final boolean archived;
    Instant pushed;
    final TreeMap<Long, FakePullRequest> prs = new TreeMap<>();
    final List<FakeDeployment> deployments = new ArrayList<>();
    @Nullable List<FakePullRequest> sorted;
    long removedUpTo;

    Repo(String fullName, boolean archived, Instant pushed) {
      this.fullName = fullName;
      this.archived = archived;
      this.pushed = pushed;
    }

    List<FakePullRequest> sorted() {
      List<FakePullRequest> s = sorted;
      if (s == null) {
        s = new ArrayList<>(prs.values());
        s.sort(ORDER);
        sorted = s;
      }
      return s;
    }
  }

  private static final Comparator<FakePullRequest> ORDER =
      Comparator.comparing((FakePullRequest p) -> p.updated).thenComparingLong(p -> p.number);

  private enum Kind {
    PRIMARY,
    SECONDARY,
    GRAPHQL_ERROR
  }

  private record PendingFault(
      String pathPrefix,
      Kind kind,
      @Nullable Instant reset,
      @Nullable Duration retryAfter,
      String type,
      String message) {}

  private FakeGitHub(Builder config) {
    this.config = config;
    this.random = new Random(config.seed);
    this.resetAt = config.clock.instant().plus(Duration.ofHours(1));
    int index = 0;
    for (Map.Entry<String, Integer> repo : config.repositories.entrySet()) {
      String name = repo.getKey();
      Repo r =
          new Repo(
              config.organization + "/" + name,
              config.archived.contains(name),
              config.inactive.contains(name)
                  ? config.start.minus(Duration.ofDays(400))
                  : config.start.plus(Duration.ofDays(index)));
      repos.put(r.fullName, r);
      generatePullRequests(r, repo.getValue());
      generateDeployments(r, index, config.deployments.getOrDefault(name, 0));
      index++;
    }
    this.server = FakeHttpServer.start(this::handle);
  }

  /**
   * Starts configuring a fake.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the underlying server, for the request log and generic faults.
   *
   * @return the server
   */
  public FakeHttpServer server() {
    return server;
  }

  /**
   * Returns the REST API root to configure a connector with: the server's URL, or {@code
   * <url>/api/v3} in Enterprise mode.
   *
   * @return the API root
   */
  public URI apiUri() {
    return config.enterprise
        ? URI.create(server.baseUri() + "/api/v3")
        : URI.create(server.baseUri() + "/");
  }

  /**
   * Returns the GraphQL path, {@code /graphql} or {@code /api/graphql}.
   *
   * @return the path
   */
  public String graphQlPath() {
    return config.enterprise ? "/api/graphql" : "/graphql";
  }

  /**
   * Returns the REST path prefix, empty or {@code /api/v3}.
   *
   * @return the prefix
   */
  public String restPrefix() {
    return config.enterprise ? "/api/v3" : "";
  }

  /**
   * Injects a generic fault for the next request below the path prefix.
   *
   * @param pathPrefix e.g. {@code /graphql}
   * @param fault the fault
   * @return this fake
   */
  public FakeGitHub inject(String pathPrefix, Fault fault) {
    server.inject(pathPrefix, fault);
    return this;
  }

  /**
   * Answers the next request below the prefix with GitHub's primary limit: 403, {@code
   * x-ratelimit-remaining: 0} and {@code x-ratelimit-reset} (epoch seconds).
   *
   * @param pathPrefix e.g. {@code /graphql}
   * @param reset the reset time to announce
   * @return this fake
   */
  public synchronized FakeGitHub primaryRateLimit(String pathPrefix, Instant reset) {
    faults.add(new PendingFault(pathPrefix, Kind.PRIMARY, reset, null, "", ""));
    return this;
  }

  /**
   * Answers the next request below the prefix with a secondary limit: 403 and the documented
   * message, with {@code retry-after} when given.
   *
   * @param pathPrefix e.g. {@code /repos/}
   * @param retryAfter the wait to announce, or null for none
   * @return this fake
   */
  public synchronized FakeGitHub secondaryRateLimit(
      String pathPrefix, @Nullable Duration retryAfter) {
    faults.add(new PendingFault(pathPrefix, Kind.SECONDARY, null, retryAfter, "", ""));
    return this;
  }

  /**
   * Answers the next GraphQL request with a 200 whose body holds {@code errors} and no data.
   *
   * @param type the error type, e.g. {@code FORBIDDEN}, {@code RATE_LIMITED}, {@code
   *     INTERNAL_ERROR}
   * @param message the message
   * @return this fake
   */
  public synchronized FakeGitHub graphQlError(String type, String message) {
    faults.add(new PendingFault(graphQlPath(), Kind.GRAPHQL_ERROR, null, null, type, message));
    return this;
  }

  /**
   * Sets the GraphQL budget the answers report; each query costs one point, and a query with none
   * left before the reset answers {@code RATE_LIMITED} in a 200.
   *
   * @param remaining the points left
   * @param resetAt when the window resets
   * @return this fake
   */
  public synchronized FakeGitHub rateLimitWindow(long remaining, Instant resetAt) {
    this.remaining = remaining;
    this.resetAt = resetAt;
    return this;
  }

  /**
   * Returns a repository's pull-request numbers in the order GraphQL serves them.
   *
   * @param repository {@code owner/name}
   * @return the numbers
   */
  public synchronized List<Long> numbersInOrder(String repository) {
    return repo(repository).sorted().stream().map(p -> p.number).toList();
  }

  /**
   * Returns a repository's pull request.
   *
   * @param repository {@code owner/name}
   * @param number the number
   * @return the pull request (the fake's own object; change it only through this fake)
   */
  public synchronized FakePullRequest pullRequest(String repository, long number) {
    return Objects.requireNonNull(repo(repository).prs.get(number), "no pull request " + number);
  }

  /**
   * Adds or replaces a pull request.
   *
   * @param repository {@code owner/name}
   * @param pr the pull request
   * @return this fake
   */
  public synchronized FakeGitHub put(String repository, FakePullRequest pr) {
    Repo r = repo(repository);
    r.prs.put(pr.number, pr);
    r.sorted = null;
    return this;
  }

  /**
   * Edits a pull request: its update time moves to {@code at} and its title changes, so the
   * UPDATED_AT order moves it behind every pull request updated earlier.
   *
   * @param repository {@code owner/name}
   * @param number the number
   * @param at the new update time
   * @return this fake
   */
  public synchronized FakeGitHub edit(String repository, long number, Instant at) {
    FakePullRequest pr = pullRequest(repository, number);
    pr.updated = at;
    pr.title = pr.title + " (edited)";
    repo(repository).sorted = null;
    return this;
  }

  /**
   * Opens a new pull request, numbered after the highest one.
   *
   * @param repository {@code owner/name}
   * @param at its creation and update time
   * @return the new pull request
   */
  public synchronized FakePullRequest add(String repository, Instant at) {
    Repo r = repo(repository);
    // GitHub never reuses a number, even a removed pull request's.
    long number = Math.max(r.prs.isEmpty() ? 0 : r.prs.lastKey(), r.removedUpTo) + 1;
    FakePullRequest pr =
        new FakePullRequest(number, at, at)
            .text("New change BG-" + number, "")
            .branches("main", "feature/new-" + number);
    r.prs.put(number, pr);
    r.sorted = null;
    return pr;
  }

  /**
   * Removes a pull request, as GitHub does when its staff remove spam: it leaves every list.
   *
   * @param repository {@code owner/name}
   * @param number the number
   * @return this fake
   */
  public synchronized FakeGitHub delete(String repository, long number) {
    Repo r = repo(repository);
    if (r.prs.remove(number) == null) {
      throw new IllegalArgumentException("no pull request " + number + " in " + repository);
    }
    r.removedUpTo = Math.max(r.removedUpTo, number);
    r.sorted = null;
    return this;
  }

  /**
   * Starts the seeded random-change mode: after every GraphQL answer, {@code perAnswer} changes in
   * random repositories, each a new pull request, an edit of a random one, or a removal. Update
   * times move forward from past the newest pull request's by 0 to 90 seconds a change (several
   * within one second's tie-breaking too). Ids are {@code owner/name#number}.
   *
   * @param seed the seed
   * @param perAnswer changes after each answer
   * @return the mode, to stop it and to read what changed
   */
  public synchronized RandomChanges changeRandomly(long seed, int perAnswer) {
    RandomChanges changes =
        new RandomChanges(
            seed,
            perAnswer,
            new RandomChanges.Target() {
              @Override
              public String create(SplittableRandom r) {
                synchronized (FakeGitHub.this) {
                  List<String> names = new ArrayList<>();
                  repos.forEach(
                      (n, repo) -> {
                        if (!repo.archived) {
                          names.add(n);
                        }
                      });
                  String name = names.get(r.nextInt(names.size()));
                  return name + "#" + add(name, nextChangeTime(r)).number();
                }
              }

              @Override
              public @Nullable String update(SplittableRandom r) {
                synchronized (FakeGitHub.this) {
                  String[] pick = randomPullRequest(r);
                  if (pick == null) {
                    return null;
                  }
                  edit(pick[0], Long.parseLong(pick[1]), nextChangeTime(r));
                  return pick[0] + "#" + pick[1];
                }
              }

              @Override
              public @Nullable String delete(SplittableRandom r) {
                synchronized (FakeGitHub.this) {
                  String[] pick = randomPullRequest(r);
                  if (pick == null) {
                    return null;
                  }
                  FakeGitHub.this.delete(pick[0], Long.parseLong(pick[1]));
                  return pick[0] + "#" + pick[1];
                }
              }
            });
    randomChanges = changes;
    return changes;
  }

  private String @Nullable [] randomPullRequest(SplittableRandom r) {
    List<String[]> all = new ArrayList<>();
    repos.forEach(
        (name, repo) -> {
          if (!repo.archived) {
            repo.prs.keySet().forEach(n -> all.add(new String[] {name, n.toString()}));
          }
        });
    return all.isEmpty() ? null : all.get(r.nextInt(all.size()));
  }

  private Instant nextChangeTime(SplittableRandom r) {
    Instant now = changeClock;
    if (now == null) {
      now = Instant.EPOCH;
      for (Repo repo : repos.values()) {
        for (FakePullRequest pr : repo.prs.values()) {
          if (pr.updated.isAfter(now)) {
            now = pr.updated;
          }
        }
      }
    }
    now = now.plusSeconds(r.nextInt(91));
    changeClock = now;
    return now;
  }

  /**
   * Adds a deployment to a repository.
   *
   * @param repository {@code owner/name}
   * @param deployment the deployment
   * @return this fake
   */
  public synchronized FakeGitHub addDeployment(String repository, FakeDeployment deployment) {
    repo(repository).deployments.add(deployment);
    return this;
  }

  /**
   * Adds a status to a deployment, as a deploy tool reports progress.
   *
   * @param repository {@code owner/name}
   * @param id the deployment id
   * @param state the state
   * @param at when
   * @return this fake
   */
  public synchronized FakeGitHub deploymentStatus(
      String repository, long id, String state, Instant at) {
    for (FakeDeployment d : repo(repository).deployments) {
      if (d.id == id) {
        d.status(state, at);
        return this;
      }
    }
    throw new IllegalArgumentException("no deployment " + id + " in " + repository);
  }

  /**
   * Returns a repository's deployments, newest first.
   *
   * @param repository {@code owner/name}
   * @return a copy of the list
   */
  public synchronized List<FakeDeployment> deployments(String repository) {
    List<FakeDeployment> list = new ArrayList<>(repo(repository).deployments);
    list.sort(Comparator.comparingLong((FakeDeployment d) -> d.id).reversed());
    return list;
  }

  /**
   * Runs a change right after the n-th GraphQL answer (counting from 1) has been built.
   *
   * @param n the call after which to change
   * @param change the change
   * @return this fake
   */
  public synchronized FakeGitHub afterGraphQlCall(int n, Runnable change) {
    afterGraphQl.put(n, Objects.requireNonNull(change, "change"));
    return this;
  }

  /**
   * Returns how many GraphQL requests were answered.
   *
   * @return the count
   */
  public synchronized int graphQlCalls() {
    return graphQlCalls;
  }

  /**
   * Returns how many installation tokens were issued.
   *
   * @return the count
   */
  public synchronized long installationTokensIssued() {
    return tokensIssued;
  }

  /**
   * Returns the app's private key as GitHub hands it out: PKCS#1 PEM ({@code BEGIN RSA PRIVATE
   * KEY}).
   *
   * @return the PEM text
   */
  public static String appPrivateKeyPem() {
    byte[] pkcs8 = AppKey.PAIR.getPrivate().getEncoded();
    return pem("RSA PRIVATE KEY", pkcs8ToPkcs1(pkcs8));
  }

  /**
   * Returns the app's private key in PKCS#8 PEM ({@code BEGIN PRIVATE KEY}).
   *
   * @return the PEM text
   */
  public static String appPrivateKeyPkcs8Pem() {
    return pem("PRIVATE KEY", AppKey.PAIR.getPrivate().getEncoded());
  }

  @Override
  public void close() {
    server.close();
  }

  private Repo repo(String repository) {
    Repo r = repos.get(repository);
    if (r == null) {
      throw new IllegalArgumentException("no repository " + repository);
    }
    return r;
  }

  // ---- data generation ----

  private void generatePullRequests(Repo repo, int count) {
    Instant start = config.start;
    int sharedFrom = config.sharedFrom < 0 ? count / 3 : config.sharedFrom;
    Instant shared = null;
    String shortName = repo.fullName.substring(repo.fullName.indexOf('/') + 1);
    for (int i = 0; i < count; i++) {
      long number = config.firstNumber + i;
      Instant updated;
      if (i >= sharedFrom && i < sharedFrom + config.sharingOneTimestamp) {
        if (shared == null) {
          shared = start.plusSeconds(i * 61L).plusMillis(123);
        }
        updated = shared;
      } else {
        updated =
            start.plusSeconds(i * 61L + (shared != null ? 61 : 0)).plusMillis(random.nextInt(1000));
      }
      Instant created = updated.minus(Duration.ofHours(24 + random.nextInt(24 * 20)));
      String author = "dev" + (1 + random.nextInt(5));
      FakePullRequest pr = new FakePullRequest(number, created, updated).author(author);
      String key = "BG-" + (100 + random.nextInt(900));
      String title;
      String head;
      String body = "Summary of the change.";
      switch (random.nextInt(6)) {
        case 0 -> {
          title = key + " Fix login redirect";
          head = "feature/" + key + "-login";
        }
        case 1 -> {
          title = "Support UTF-8 names and ISO-8601 dates, verify SHA-256 sums";
          head = "chore/encoding";
        }
        case 2 -> {
          title = "Refactor the payment client";
          head = "feature/OPS-" + (10 + random.nextInt(90)) + "-payments";
        }
        case 3 -> {
          title = "[" + key + "] Add search filters for " + shortName;
          head = "feature/search";
        }
        default -> {
          title = "Bump dependencies";
          head = "dependabot/maven/jackson-2." + random.nextInt(20);
        }
      }
      if (i % 9 == 8 && number > 1) {
        long reverted = number - 1;
        title = "Revert \"Change " + reverted + "\"";
        body = "Reverts " + repo.fullName + "#" + reverted + "\n\nThis broke checkout.";
        head = "revert-" + reverted + "-feature/change-" + reverted;
      }
      if (config.nulBytes && i % 5 == 0) {
        title = title + " \u0000";
      }
      pr.text(title, body).branches("main", head);
      pr.lines(random.nextInt(500), random.nextInt(200));
      List<String> labels = new ArrayList<>();
      if (random.nextBoolean()) {
        labels.add("backend");
      }
      if (random.nextInt(4) == 0) {
        labels.add(config.nulBytes ? "fron\u0000tend" : "frontend");
      }
      pr.labels(labels);
      pr.firstCommit(random.nextInt(15) == 0 ? null : created.minus(Duration.ofHours(2)));
      if (i % 7 == 3) {
        pr.draft(true, null);
      } else if (i % 7 == 4) {
        pr.draft(false, created.plus(Duration.ofHours(1)));
      }
      if (random.nextInt(3) == 0) {
        // The author's own comment is no review of the change.
        pr.review(author, "COMMENTED", created.plus(Duration.ofMinutes(10)));
      }
      int reviewer = 1 + random.nextInt(5);
      String other =
          "dev" + (reviewer == Integer.parseInt(author.substring(3)) ? reviewer % 5 + 1 : reviewer);
      switch (random.nextInt(5)) {
        case 0 ->
            pr.review(other, "COMMENTED", created.plus(Duration.ofHours(2)))
                .review(other, "APPROVED", created.plus(Duration.ofHours(3)));
        case 1 ->
            pr.review(other, "CHANGES_REQUESTED", created.plus(Duration.ofHours(2)))
                .review("reviewer-bot", "PENDING", null);
        case 2 -> pr.review(null, "APPROVED", created.plus(Duration.ofHours(4)));
        case 3 -> pr.review(other, "APPROVED", created.plus(Duration.ofMinutes(90)));
        default -> {
          // not reviewed yet
        }
      }
      if (!pr.draft) {
        int outcome = random.nextInt(10);
        Instant end =
            updated.minusSeconds(30).isBefore(created) ? created : updated.minusSeconds(30);
        if (outcome < 6) {
          pr.merged(end, sha());
        } else if (outcome < 8) {
          pr.closed(end);
        }
      }
      repo.prs.put(number, pr);
    }
  }

  private void generateDeployments(Repo repo, int index, int count) {
    String[] environments = {"production", "staging", "prod-eu"};
    for (int i = 0; i < count; i++) {
      long id = (index + 1) * 100_000L + i + 1;
      Instant created = config.start.plus(Duration.ofHours(3L * i));
      String env = environments[random.nextInt(environments.length)];
      FakeDeployment d =
          new FakeDeployment(id, created, env, sha(), i % 4 == 0 ? "v1." + i : "main");
      Instant t = created.plusSeconds(30);
      if (i == count - 1) {
        d.status("in_progress", t);
      } else {
        switch (i % 6) {
          case 0 ->
              d.status("queued", t)
                  .status("in_progress", t.plusSeconds(5))
                  .status("success", t.plusSeconds(300));
          case 1 -> d.status("in_progress", t).status("failure", t.plusSeconds(120));
          case 2 -> d.status("success", t.plusSeconds(200));
          case 3 -> d.status("error", t.plusSeconds(10));
          case 4 -> d.status("success", t.plusSeconds(100)).status("inactive", t.plusSeconds(3600));
          default -> d.status("inactive", t.plusSeconds(60));
        }
      }
      repo.deployments.add(d);
    }
  }

  private String sha() {
    StringBuilder s = new StringBuilder(40);
    for (int i = 0; i < 40; i++) {
      s.append(Character.forDigit(random.nextInt(16), 16));
    }
    return s.toString();
  }

  // ---- HTTP ----

  private Response handle(Request request) {
    PendingFault fault = takeFault(request.path());
    if (fault != null && fault.kind() != Kind.GRAPHQL_ERROR) {
      return rateLimitFault(fault);
    }
    String prefix = restPrefix();
    String path = request.path();
    if (request.method().equals("POST")
        && path.equals(prefix + "/app/installations/" + INSTALLATION_ID + "/access_tokens")) {
      return accessToken(request);
    }
    if (!authorized(request.header("Authorization"))) {
      return message(401, "Bad credentials");
    }
    if (request.method().equals("POST") && path.equals(graphQlPath())) {
      return graphQl(request, fault);
    }
    if (!path.startsWith(prefix + "/")) {
      return message(404, "Not Found");
    }
    String rest = path.substring(prefix.length());
    if (request.method().equals("GET") && rest.equals("/rate_limit")) {
      if (config.enterprise) {
        return message(404, "Rate limiting is not enabled.");
      }
      return json(200, rateLimitResource(), "core");
    }
    Matcher m = REPO_PATH.matcher(rest);
    if (request.method().equals("GET") && m.matches()) {
      return repoRest(request, m.group(1) + "/" + m.group(2), m.group(3));
    }
    return message(404, "Not Found");
  }

  private synchronized @Nullable PendingFault takeFault(String path) {
    for (Iterator<PendingFault> it = faults.iterator(); it.hasNext(); ) {
      PendingFault f = it.next();
      if (path.startsWith(f.pathPrefix())) {
        it.remove();
        return f;
      }
    }
    return null;
  }

  private Response rateLimitFault(PendingFault fault) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (fault.kind() == Kind.PRIMARY) {
      headers.put("x-ratelimit-limit", Integer.toString(LIMIT));
      headers.put("x-ratelimit-remaining", "0");
      headers.put("x-ratelimit-used", Integer.toString(LIMIT));
      headers.put(
          "x-ratelimit-reset",
          Long.toString(Objects.requireNonNull(fault.reset()).getEpochSecond()));
      return withHeaders(
          403,
          FakeJson.write(
              Map.of(
                  "message",
                  "API rate limit exceeded for installation.",
                  "documentation_url",
                  "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api")),
          headers);
    }
    Duration retryAfter = fault.retryAfter();
    if (retryAfter != null) {
      headers.put("retry-after", Long.toString(retryAfter.toSeconds()));
    }
    headers.put("x-ratelimit-limit", Integer.toString(LIMIT));
    headers.put("x-ratelimit-remaining", "4000");
    return withHeaders(
        403,
        FakeJson.write(
            Map.of(
                "message",
                "You have exceeded a secondary rate limit. Please wait a few minutes before you try"
                    + " again.",
                "documentation_url",
                "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api")),
        headers);
  }

  private synchronized boolean authorized(@Nullable String header) {
    if (header == null) {
      return false;
    }
    String token;
    if (header.startsWith("Bearer ")) {
      token = header.substring(7);
    } else if (header.startsWith("token ")) {
      token = header.substring(6);
    } else {
      return false;
    }
    if (token.equals(config.token)) {
      return true;
    }
    Instant expiry = installationTokens.get(token);
    return expiry != null && config.clock.instant().isBefore(expiry);
  }

  private synchronized Response accessToken(Request request) {
    String header = request.header("Authorization");
    if (header == null || !header.startsWith("Bearer ") || !validJwt(header.substring(7))) {
      return message(401, "A JSON web token could not be decoded");
    }
    tokensIssued++;
    String token =
        "ghs_fakeInstallationToken" + tokensIssued + "x" + Long.toHexString(random.nextLong());
    Instant expires = config.clock.instant().plus(config.tokenLifetime);
    installationTokens.put(token, expires);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", token);
    body.put("expires_at", expires.toString());
    body.put("permissions", Map.of("pull_requests", "read", "deployments", "read"));
    body.put("repository_selection", "all");
    return Response.json(201, FakeJson.write(body));
  }

  private boolean validJwt(String jwt) {
    String[] parts = jwt.split("\\.", -1);
    if (parts.length != 3) {
      return false;
    }
    try {
      Base64.Decoder d = Base64.getUrlDecoder();
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(AppKey.PAIR.getPublic());
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rsa.verify(d.decode(parts[2]))) {
        return false;
      }
      Object header = FakeJson.parse(new String(d.decode(parts[0]), StandardCharsets.UTF_8));
      Object payload = FakeJson.parse(new String(d.decode(parts[1]), StandardCharsets.UTF_8));
      if (!(header instanceof Map<?, ?> h) || !"RS256".equals(h.get("alg"))) {
        return false;
      }
      if (!(payload instanceof Map<?, ?> p) || !APP_ID.equals(String.valueOf(p.get("iss")))) {
        return false;
      }
      long iat = ((Number) Objects.requireNonNull(p.get("iat"))).longValue();
      long exp = ((Number) Objects.requireNonNull(p.get("exp"))).longValue();
      long now = config.clock.instant().getEpochSecond();
      return exp > now && iat <= now + 60 && exp - iat <= 660;
    } catch (GeneralSecurityException
        | IllegalArgumentException
        | ClassCastException
        | NullPointerException e) {
      return false;
    }
  }

  // ---- GraphQL ----

  private Response graphQl(Request request, @Nullable PendingFault fault) {
    Object parsed;
    try {
      parsed = FakeJson.parse(request.body());
    } catch (IllegalArgumentException e) {
      return message(400, "Problems parsing JSON");
    }
    if (!(parsed instanceof Map<?, ?> body)) {
      return message(400, "Problems parsing JSON");
    }
    String operation = String.valueOf(body.get("operationName"));
    String document = String.valueOf(body.get("query"));
    Map<?, ?> vars = body.get("variables") instanceof Map<?, ?> v ? v : Map.of();
    Runnable change;
    Response response;
    synchronized (this) {
      graphQlCalls++;
      Instant now = config.clock.instant();
      if (!now.isBefore(resetAt)) {
        remaining = LIMIT;
        resetAt = now.plus(Duration.ofHours(1));
      }
      if (fault != null) {
        response = errors(fault.type(), fault.message(), null);
      } else if (remaining <= 0 && !config.enterprise) {
        response =
            errors("RATE_LIMITED", "API rate limit already exceeded for user ID 1.", rateLimit(0));
      } else {
        remaining = Math.max(0, remaining - 1);
        response = operation(operation, document, vars);
      }
      change = afterGraphQl.remove(graphQlCalls);
    }
    if (change != null) {
      change.run();
    }
    RandomChanges changes;
    synchronized (this) {
      changes = randomChanges;
    }
    if (changes != null) {
      changes.afterAnswer();
    }
    return response;
  }

  private Response operation(String operation, String document, Map<?, ?> vars) {
    Map<String, @Nullable Object> data = new LinkedHashMap<>();
    data.put("rateLimit", config.enterprise ? null : rateLimit(1));
    switch (operation) {
      case "PulseHealth" -> {
        return data(data);
      }
      case "PulseRepositories" -> {
        String org = String.valueOf(vars.get("org"));
        if (!org.equals(config.organization)) {
          data.put("organization", null);
          return notFound(
              data,
              "organization",
              "Could not resolve to an Organization with the login of '" + org + "'.");
        }
        List<Repo> list = new ArrayList<>(repos.values());
        list.sort(
            Comparator.comparing((Repo r) -> r.pushed).reversed().thenComparing(r -> r.fullName));
        int from =
            vars.get("after") == null
                ? 0
                : Integer.parseInt(decode(String.valueOf(vars.get("after"))).substring(6));
        int to = Math.min(list.size(), from + config.repositoryPageSize);
        List<Object> nodes = new ArrayList<>();
        for (Repo r : list.subList(from, to)) {
          nodes.add(
              Map.of(
                  "nameWithOwner",
                  r.fullName,
                  "isArchived",
                  r.archived,
                  "pushedAt",
                  r.pushed.toString()));
        }
        Map<String, @Nullable Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", to < list.size());
        pageInfo.put("endCursor", to > from ? encode("repos:" + to) : null);
        data.put(
            "organization", Map.of("repositories", Map.of("pageInfo", pageInfo, "nodes", nodes)));
        return data(data);
      }
      default -> {
        // the repository operations below
      }
    }
    String full = vars.get("owner") + "/" + vars.get("name");
    Repo repo = repos.get(full);
    if (repo == null) {
      data.put("repository", null);
      return notFound(
          data, "repository", "Could not resolve to a Repository with the name '" + full + "'.");
    }
    List<FakePullRequest> sorted = repo.sorted();
    switch (operation) {
      case "PulseRepository" -> {
        data.put(
            "repository",
            Map.of(
                "nameWithOwner", repo.fullName,
                "isArchived", repo.archived,
                "pullRequests", Map.of("totalCount", sorted.size())));
        return data(data);
      }
      case "PulsePullRequests" -> {
        int first =
            Math.min(
                100,
                Math.min(
                    config.pullRequestPageCap,
                    ((Number) Objects.requireNonNull(vars.get("first"))).intValue()));
        Object after = vars.get("after");
        int from = after == null ? 0 : indexAfter(sorted, String.valueOf(after));
        int to = Math.min(sorted.size(), from + first);
        List<Object> nodes = new ArrayList<>();
        boolean withFiles = document.contains("files(");
        for (FakePullRequest pr : sorted.subList(from, to)) {
          Map<String, @Nullable Object> node = node(pr);
          if (withFiles) {
            node.put("files", files(pr, null));
          }
          nodes.add(node);
        }
        Map<String, @Nullable Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", to < sorted.size());
        pageInfo.put("endCursor", to > from ? cursor(sorted.get(to - 1)) : null);
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("totalCount", sorted.size());
        connection.put("pageInfo", pageInfo);
        connection.put("nodes", nodes);
        data.put("repository", Map.of("pullRequests", connection));
        return data(data);
      }
      case "PulsePullRequestFiles" -> {
        long number = ((Number) Objects.requireNonNull(vars.get("number"))).longValue();
        FakePullRequest pr =
            sorted.stream().filter(p -> p.number == number).findFirst().orElse(null);
        data.put(
            "repository",
            Collections.singletonMap(
                "pullRequest",
                pr == null ? null : Map.of("files", files(pr, vars.get("filesAfter")))));
        return data(data);
      }
      case "PulsePullRequestBoundary" -> {
        Object before = vars.get("before");
        int to = before == null ? sorted.size() : indexAfter(sorted, String.valueOf(before)) - 1;
        int from = Math.max(0, to - 100);
        List<Object> edges = new ArrayList<>();
        for (FakePullRequest pr : sorted.subList(from, Math.max(from, to))) {
          edges.add(
              Map.of(
                  "cursor", cursor(pr),
                  "node", Map.of("number", pr.number, "updatedAt", pr.updated.toString())));
        }
        Map<String, @Nullable Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasPreviousPage", from > 0);
        pageInfo.put("startCursor", to > from ? cursor(sorted.get(from)) : null);
        data.put(
            "repository", Map.of("pullRequests", Map.of("pageInfo", pageInfo, "edges", edges)));
        return data(data);
      }
      default -> {
        return errors(null, "Unknown operation " + operation, null);
      }
    }
  }

  /** Returns the index of the first pull request whose key is after the cursor's. */
  private static int indexAfter(List<FakePullRequest> sorted, String cursor) {
    String key = decode(cursor);
    int bar = key.lastIndexOf('|');
    if (!key.startsWith("cursor:v2:") || bar < 0) {
      throw new IllegalArgumentException("`" + cursor + "` does not appear to be a valid cursor.");
    }
    Instant at = Instant.parse(key.substring(10, bar));
    long number = Long.parseLong(key.substring(bar + 1));
    FakePullRequest probe = new FakePullRequest(number, at, at);
    int i = 0;
    while (i < sorted.size() && ORDER.compare(sorted.get(i), probe) <= 0) {
      i++;
    }
    return i;
  }

  /** A page of 100 of the pull request's changed files after the cursor, as GitHub serves them. */
  private static Map<String, Object> files(FakePullRequest pr, @Nullable Object after) {
    int from = after == null ? 0 : Integer.parseInt(decode(String.valueOf(after)).substring(6));
    int to = Math.min(pr.files.size(), from + 100);
    List<Object> nodes = new ArrayList<>();
    for (String path : pr.files.subList(from, to)) {
      nodes.add(Map.of("path", path));
    }
    Map<String, @Nullable Object> pageInfo = new LinkedHashMap<>();
    pageInfo.put("hasNextPage", to < pr.files.size());
    pageInfo.put("endCursor", to > from ? encode("files:" + to) : null);
    return Map.of("pageInfo", pageInfo, "nodes", nodes);
  }

  private static String cursor(FakePullRequest pr) {
    return encode("cursor:v2:" + pr.updated + "|" + pr.number);
  }

  private static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    return new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
  }

  private Map<String, @Nullable Object> node(FakePullRequest pr) {
    Map<String, @Nullable Object> n = new LinkedHashMap<>();
    n.put("number", pr.number);
    n.put("title", pr.title);
    n.put("body", pr.body);
    n.put("createdAt", pr.created.toString());
    n.put("updatedAt", pr.updated.toString());
    n.put("closedAt", pr.closed == null ? null : pr.closed.toString());
    n.put("mergedAt", pr.merged == null ? null : pr.merged.toString());
    n.put("isDraft", pr.draft);
    n.put("state", pr.state);
    n.put("baseRefName", pr.base);
    n.put("headRefName", pr.head);
    n.put("additions", pr.additions);
    n.put("deletions", pr.deletions);
    n.put("mergeCommit", pr.mergeSha == null ? null : Map.of("oid", pr.mergeSha));
    n.put("author", Map.of("login", pr.author));
    List<Object> labels = new ArrayList<>();
    pr.labels.forEach(l -> labels.add(Map.of("name", l)));
    n.put("labels", Map.of("nodes", labels));
    List<Object> commits = new ArrayList<>();
    if (pr.firstCommit != null) {
      commits.add(
          Map.of(
              "commit",
              Map.of(
                  "authoredDate", pr.firstCommit.toString(),
                  "committedDate", pr.firstCommit.plusSeconds(60).toString())));
    }
    n.put("commits", Map.of("nodes", commits));
    List<Object> reviews = new ArrayList<>();
    for (FakePullRequest.Review r : pr.reviews) {
      Map<String, @Nullable Object> review = new LinkedHashMap<>();
      review.put("author", r.login() == null ? null : Map.of("login", r.login()));
      review.put("state", r.state());
      review.put("submittedAt", r.submittedAt() == null ? null : String.valueOf(r.submittedAt()));
      reviews.add(review);
    }
    n.put("reviews", Map.of("nodes", reviews));
    List<Object> events = new ArrayList<>();
    if (pr.readyForReview != null) {
      events.add(Map.of("createdAt", pr.readyForReview.toString()));
    }
    n.put("timelineItems", Map.of("nodes", events));
    return n;
  }

  private Map<String, Object> rateLimit(int cost) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("cost", cost);
    r.put("remaining", remaining);
    r.put("resetAt", resetAt.toString());
    r.put("limit", LIMIT);
    return r;
  }

  private Response data(Map<String, @Nullable Object> data) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("data", data);
    return json(200, body, "graphql");
  }

  private Response notFound(Map<String, @Nullable Object> data, String field, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", "NOT_FOUND");
    error.put("path", List.of(field));
    error.put("message", message);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("data", data);
    body.put("errors", List.of(error));
    return json(200, body, "graphql");
  }

  private Response errors(@Nullable String type, String message, @Nullable Object rateLimit) {
    Map<String, @Nullable Object> error = new LinkedHashMap<>();
    if (type != null) {
      error.put("type", type);
    }
    error.put("message", message);
    Map<String, @Nullable Object> body = new LinkedHashMap<>();
    body.put("data", rateLimit == null ? null : Map.of("rateLimit", rateLimit));
    body.put("errors", List.of(error));
    return json(200, body, "graphql");
  }

  // ---- REST ----

  private synchronized Response repoRest(Request request, String full, @Nullable String tail) {
    Repo repo = repos.get(full);
    if (repo == null) {
      return message(404, "Not Found");
    }
    if (tail == null || tail.isEmpty()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", Math.abs((long) full.hashCode()));
      r.put("full_name", repo.fullName);
      r.put("archived", repo.archived);
      r.put("pushed_at", repo.pushed.toString());
      return conditional(request, r);
    }
    if (tail.equals("/deployments")) {
      int perPage = Math.min(100, Integer.parseInt(request.param("per_page", "30")));
      int page = Math.max(1, Integer.parseInt(request.param("page", "1")));
      List<FakeDeployment> list = new ArrayList<>(repo.deployments);
      list.sort(Comparator.comparingLong((FakeDeployment d) -> d.id).reversed());
      int from = Math.min(list.size(), (page - 1) * perPage);
      int to = Math.min(list.size(), from + perPage);
      List<Object> out = new ArrayList<>();
      for (FakeDeployment d : list.subList(from, to)) {
        out.add(deployment(repo, d));
      }
      return conditional(request, out);
    }
    Matcher compare = COMPARE.matcher(tail);
    if (compare.matches()) {
      return compare(request, repo, compare.group(1), compare.group(2));
    }
    Matcher statuses = STATUSES.matcher(tail);
    if (statuses.matches()) {
      long id = Long.parseLong(statuses.group(1));
      for (FakeDeployment d : repo.deployments) {
        if (d.id == id) {
          List<Object> out = new ArrayList<>();
          for (int i = d.statuses.size() - 1; i >= 0; i--) {
            FakeDeployment.Status s = d.statuses.get(i);
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("id", id * 100 + i);
            status.put("state", s.state());
            status.put("description", "");
            status.put("environment", d.environment);
            status.put("creator", Map.of("login", "deploy-bot"));
            status.put("created_at", s.createdAt().toString());
            status.put("updated_at", s.createdAt().toString());
            out.add(status);
          }
          return conditional(request, out);
        }
      }
      return message(404, "Not Found");
    }
    return message(404, "Not Found");
  }

  /**
   * Returns a repository's main-branch history as the compare endpoint sees it: the merge commits
   * of its merged pull requests, in merge order, oldest first.
   *
   * @param repository {@code owner/name}
   * @return the SHAs
   */
  public synchronized List<String> mainBranchCommits(String repository) {
    return history(repo(repository));
  }

  private static List<String> history(Repo repo) {
    List<FakePullRequest> merged = new ArrayList<>();
    for (FakePullRequest pr : repo.prs.values()) {
      if (pr.merged != null && pr.mergeSha != null) {
        merged.add(pr);
      }
    }
    merged.sort(
        Comparator.comparing((FakePullRequest p) -> Objects.requireNonNull(p.merged))
            .thenComparingLong(p -> p.number));
    List<String> shas = new ArrayList<>();
    merged.forEach(p -> shas.add(Objects.requireNonNull(p.mergeSha)));
    return shas;
  }

  private Response compare(Request request, Repo repo, String base, String head) {
    List<String> history = history(repo);
    int from = history.indexOf(base.toLowerCase(java.util.Locale.ROOT));
    int to = history.indexOf(head.toLowerCase(java.util.Locale.ROOT));
    if (from < 0 || to < 0) {
      return message(404, "No common ancestor between " + base + " and " + head + ".");
    }
    List<String> range = to > from ? history.subList(from + 1, to + 1) : List.of();
    int perPage = Math.min(250, Integer.parseInt(request.param("per_page", "250")));
    int page = Math.max(1, Integer.parseInt(request.param("page", "1")));
    int start = Math.min(range.size(), (page - 1) * perPage);
    List<Object> commits = new ArrayList<>();
    for (String sha : range.subList(start, Math.min(range.size(), start + perPage))) {
      commits.add(Map.of("sha", sha, "commit", Map.of("message", "Merge " + sha.substring(0, 7))));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", to > from ? "ahead" : to == from ? "identical" : "behind");
    body.put("ahead_by", range.size());
    body.put("behind_by", to < from ? from - to : 0);
    body.put("total_commits", range.size());
    body.put("commits", commits);
    body.put("files", compareFiles(repo, range));
    return conditional(request, body);
  }

  /**
   * The files a range of merge commits changed, as GitHub's compare lists them: each path once, in
   * the order first changed, at most the first 300 (GitHub lists no more, on any page).
   */
  private static List<Object> compareFiles(Repo repo, List<String> range) {
    Map<String, FakePullRequest> bySha = new HashMap<>();
    for (FakePullRequest pr : repo.prs.values()) {
      if (pr.mergeSha != null) {
        bySha.put(pr.mergeSha, pr);
      }
    }
    java.util.LinkedHashSet<String> paths = new java.util.LinkedHashSet<>();
    for (String sha : range) {
      FakePullRequest pr = bySha.get(sha);
      if (pr != null) {
        paths.addAll(pr.files);
      }
    }
    List<Object> files = new ArrayList<>();
    for (String path : paths) {
      if (files.size() == MAX_COMPARE_FILES) {
        break;
      }
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("sha", String.format("%040x", path.hashCode() & 0xffffffffL));
      file.put("filename", path);
      file.put("status", "modified");
      file.put("additions", 1);
      file.put("deletions", 1);
      file.put("changes", 2);
      files.add(file);
    }
    return files;
  }

  private static Map<String, Object> deployment(Repo repo, FakeDeployment d) {
    Map<String, Object> out = new LinkedHashMap<>();
    Instant updated =
        d.statuses.isEmpty() ? d.created : d.statuses.get(d.statuses.size() - 1).createdAt();
    out.put("id", d.id);
    out.put("sha", d.sha);
    out.put("ref", d.ref);
    out.put("task", "deploy");
    out.put("payload", Map.of());
    out.put("original_environment", d.environment);
    out.put("environment", d.environment);
    out.put("creator", Map.of("login", "deploy-bot"));
    out.put("created_at", d.created.toString());
    out.put("updated_at", updated.toString());
    out.put("statuses_url", "/repos/" + repo.fullName + "/deployments/" + d.id + "/statuses");
    out.put("production_environment", d.environment.startsWith("prod"));
    return out;
  }

  private Response conditional(Request request, Object body) {
    String json = FakeJson.write(body);
    String etag = "W/\"" + Integer.toHexString(json.hashCode()) + "\"";
    Map<String, String> headers = rateLimitHeaders("core");
    headers.put("ETag", etag);
    if (etag.equals(request.header("If-None-Match"))) {
      return new Response(304, headers, new byte[0]);
    }
    return withHeaders(200, json, headers);
  }

  private Map<String, Object> rateLimitResource() {
    Map<String, Object> core =
        Map.of("limit", LIMIT, "remaining", LIMIT, "reset", resetAt.getEpochSecond(), "used", 0);
    return Map.of("resources", Map.of("core", core, "graphql", core), "rate", core);
  }

  private Response json(int status, Object body, String resource) {
    return withHeaders(status, FakeJson.write(body), rateLimitHeaders(resource));
  }

  private synchronized Map<String, String> rateLimitHeaders(String resource) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (!config.enterprise) {
      headers.put("x-ratelimit-limit", Integer.toString(LIMIT));
      headers.put("x-ratelimit-remaining", Long.toString(remaining));
      headers.put("x-ratelimit-used", Long.toString(LIMIT - remaining));
      headers.put("x-ratelimit-reset", Long.toString(resetAt.getEpochSecond()));
      headers.put("x-ratelimit-resource", resource);
    }
    return headers;
  }

  private Response message(int status, String message) {
    return withHeaders(
        status,
        FakeJson.write(
            Map.of("message", message, "documentation_url", "https://docs.github.com/rest")),
        rateLimitHeaders("core"));
  }

  private static Response withHeaders(int status, String json, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/json; charset=utf-8");
    return new Response(status, all, json.getBytes(StandardCharsets.UTF_8));
  }

  // ---- the app key ----

  /** One RSA key pair per JVM, made on first use: generating one takes a moment. */
  private static final class AppKey {
    static final KeyPair PAIR = generate();

    private static KeyPair generate() {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot generate the fake app's RSA key", e);
      }
    }
  }

  private static String pem(String type, byte[] der) {
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
  }

  /** Unwraps the RSAPrivateKey (PKCS#1) from a PrivateKeyInfo (PKCS#8). */
  private static byte[] pkcs8ToPkcs1(byte[] pkcs8) {
    int[] at = {0};
    expect(pkcs8, at, 0x30);
    length(pkcs8, at);
    expect(pkcs8, at, 0x02);
    int version = length(pkcs8, at);
    at[0] += version;
    expect(pkcs8, at, 0x30);
    int algorithm = length(pkcs8, at);
    at[0] += algorithm;
    expect(pkcs8, at, 0x04);
    int n = length(pkcs8, at);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(pkcs8, at[0], n);
    return out.toByteArray();
  }

  private static void expect(byte[] der, int[] at, int tag) {
    if ((der[at[0]++] & 0xff) != tag) {
      throw new IllegalStateException("unexpected DER tag in the fake app's key");
    }
  }

  private static int length(byte[] der, int[] at) {
    int first = der[at[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int n = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      n = (n << 8) | (der[at[0]++] & 0xff);
    }
    return n;
  }

  /**
   * Configures a {@link FakeGitHub}. Defaults: seed 1, organisation {@code acme} with no
   * repositories, data from 2026-01-05, numbers from 1, one third of the way a group of 0 pull
   * requests sharing one update time, pages of up to 100, NUL bytes on, github.com mode, the system
   * clock, installation tokens living one hour.
   */
  public static final class Builder {
    private long seed = 1;
    private String organization = "acme";
    private final Map<String, Integer> repositories = new LinkedHashMap<>();
    private final List<String> archived = new ArrayList<>();
    private final List<String> inactive = new ArrayList<>();
    private final Map<String, Integer> deployments = new HashMap<>();
    private Instant start = Instant.parse("2026-01-05T09:00:00Z");
    private long firstNumber = 1;
    private int sharingOneTimestamp;
    private int sharedFrom = -1;
    private int pullRequestPageCap = 100;
    private int repositoryPageSize = 100;
    private boolean nulBytes = true;
    private boolean enterprise;
    private String token = TOKEN;
    private PulseClock clock = PulseClock.system();
    private Duration tokenLifetime = Duration.ofHours(1);

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
     * Sets the organisation's login.
     *
     * @param login the login
     * @return this builder
     */
    public Builder organization(String login) {
      this.organization = Objects.requireNonNull(login, "login");
      return this;
    }

    /**
     * Adds an active repository with generated pull requests.
     *
     * @param name the repository's name within the organisation
     * @param pullRequests how many pull requests
     * @return this builder
     */
    public Builder repository(String name, int pullRequests) {
      repositories.put(Objects.requireNonNull(name, "name"), pullRequests);
      return this;
    }

    /**
     * Adds an archived repository (discovery must skip it).
     *
     * @param name the name
     * @return this builder
     */
    public Builder archivedRepository(String name) {
      repositories.put(name, 2);
      archived.add(name);
      return this;
    }

    /**
     * Adds a repository last pushed to more than a year before the data starts.
     *
     * @param name the name
     * @return this builder
     */
    public Builder inactiveRepository(String name) {
      repositories.put(name, 2);
      inactive.add(name);
      return this;
    }

    /**
     * Generates deployments for a repository added with {@link #repository}.
     *
     * @param name the repository's name
     * @param count how many
     * @return this builder
     */
    public Builder deployments(String name, int count) {
      deployments.put(name, count);
      return this;
    }

    /**
     * Sets when the generated data starts.
     *
     * @param start the first update time
     * @return this builder
     */
    public Builder start(Instant start) {
      this.start = Objects.requireNonNull(start, "start");
      return this;
    }

    /**
     * Sets the first pull-request number of each repository.
     *
     * @param number at least 1
     * @return this builder
     */
    public Builder firstNumber(long number) {
      if (number < 1) {
        throw new IllegalArgumentException("firstNumber must be >= 1 but was " + number);
      }
      this.firstNumber = number;
      return this;
    }

    /**
     * Makes {@code count} pull requests of each repository share one update time.
     *
     * @param count how many
     * @param from the index of the first of them, or -1 for a third of the way
     * @return this builder
     */
    public Builder sharingOneTimestamp(int count, int from) {
      this.sharingOneTimestamp = count;
      this.sharedFrom = from;
      return this;
    }

    /**
     * Caps pull-request pages below what clients ask for.
     *
     * @param cap at least 1
     * @return this builder
     */
    public Builder pullRequestPageCap(int cap) {
      this.pullRequestPageCap = Math.max(1, cap);
      return this;
    }

    /**
     * Sets how many repositories a discovery page holds.
     *
     * @param size at least 1
     * @return this builder
     */
    public Builder repositoryPageSize(int size) {
      this.repositoryPageSize = Math.max(1, size);
      return this;
    }

    /**
     * Turns NUL bytes in generated titles and labels on or off.
     *
     * @param on whether to generate them
     * @return this builder
     */
    public Builder nulBytes(boolean on) {
      this.nulBytes = on;
      return this;
    }

    /**
     * Serves as GitHub Enterprise Server with rate limiting off: {@code /api/v3}, {@code
     * /api/graphql}, no rate-limit headers and no {@code rateLimit} data.
     *
     * @param on whether to
     * @return this builder
     */
    public Builder enterprise(boolean on) {
      this.enterprise = on;
      return this;
    }

    /**
     * Sets the clock that installation-token expiry and JWT times are checked on.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(PulseClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how long installation tokens live.
     *
     * @param lifetime positive
     * @return this builder
     */
    public Builder installationTokenLifetime(Duration lifetime) {
      this.tokenLifetime = Objects.requireNonNull(lifetime, "lifetime");
      return this;
    }

    /**
     * Starts the fake.
     *
     * @return the running fake
     */
    public FakeGitHub start() {
      return new FakeGitHub(this);
    }
  }

  @Override
  public String toString() {
    return "FakeGitHub[" + server.baseUri() + ", " + repos.keySet() + "]";
  }
}
