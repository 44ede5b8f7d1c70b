package dev.pulse.testkit.fake.jira;

import dev.pulse.testkit.fake.FakeHttpServer;
import dev.pulse.testkit.fake.FakeHttpServer.Request;
import dev.pulse.testkit.fake.FakeHttpServer.Response;
import dev.pulse.testkit.fake.FakeJson;
import dev.pulse.testkit.fake.Fault;
import dev.pulse.testkit.fake.RandomChanges;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A fake Jira Cloud (REST v3 and the agile API) on a loopback port, serving a deterministic, seeded
 * organisation: projects, issues with change logs in Portuguese and English statuses (some longer
 * than the inlined limit), custom fields for story points and T-shirt sizes, boards and sprints.
 *
 * <p>Endpoints, shaped after Atlassian's documentation: {@code GET /rest/api/3/serverInfo}, {@code
 * GET /rest/api/3/project/search} (paged by {@code startAt}, two per page), {@code GET
 * /rest/api/3/project/{key}}, {@code GET /rest/api/3/field}, {@code GET /rest/api/3/status}, {@code
 * POST /rest/api/3/search/jql} ({@code project = KEY [AND updated >= "yyyy-MM-dd HH:mm"] ORDER BY
 * updated ASC, key ASC}; {@code nextPageToken} is an offset into the re-evaluated result, the worst
 * case for a client that follows tokens while data changes; pages capped at {@link
 * Builder#maxResultsCap}), {@code POST /rest/api/3/search/approximate-count}, {@code POST
 * /rest/api/3/changelog/bulkfetch}, {@code GET /rest/agile/1.0/board}, {@code GET
 * /rest/agile/1.0/board/{id}/sprint}. GETs carry an {@code ETag} and answer 304 to a matching
 * {@code If-None-Match}. A request without the expected basic credentials gets 401; the removed
 * {@code /rest/api/3/search} answers 410.
 *
 * <p>Data can change while a client reads: {@link #edit}, {@link #add} and {@link
 * #afterSearchCall(int, Runnable)} (a change applied right after the n-th search answer). Faults
 * are injected through {@link #server()}. Thread-safe. {@link #close()} stops the server.
 */
public final class FakeJira implements AutoCloseable {
  /** The story-points custom field ("Story Points"). */
  public static final String STORY_POINTS_FIELD = "customfield_10016";

  /** The sprint custom field ("Sprint"). */
  public static final String SPRINT_FIELD = "customfield_10020";

  /** A T-shirt custom field ("T-Shirt Size": P, M, G). */
  public static final String TSHIRT_FIELD = "customfield_18762";

  /** A second T-shirt custom field ("Tamanho/Impacto": PP, P, M, G). */
  public static final String TAMANHO_FIELD = "customfield_15100";

  /** The account e-mail the fake expects. */
  public static final String EMAIL = "pulse-bot@example.test";

  /** The API token the fake expects. */
  public static final String TOKEN = "fake-jira-api-token-0123456789";

  private static final DateTimeFormatter JIRA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter JQL_MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final Pattern JQL =
      Pattern.compile(
          "project\\s*=\\s*\"?([A-Z][A-Z0-9_]*)\"?"
              + "(?:\\s+AND\\s+updated\\s*>=\\s*\"(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2})\")?"
              + "\\s+ORDER\\s+BY\\s+updated\\s+ASC\\s*,\\s*key\\s+ASC");

  /** The statuses the fake's workflows use, with their category keys; "Limbo" has none. */
  private static final Map<String, String> STATUS_CATEGORIES = new LinkedHashMap<>();

  static {
    STATUS_CATEGORIES.put("To Do", "new");
    STATUS_CATEGORIES.put("In Progress", "indeterminate");
    STATUS_CATEGORIES.put("In Review", "indeterminate");
    STATUS_CATEGORIES.put("Done", "done");
    STATUS_CATEGORIES.put("A Fazer", "new");
    STATUS_CATEGORIES.put("Em Desenvolvimento", "indeterminate");
    STATUS_CATEGORIES.put("Em Code Review", "indeterminate");
    STATUS_CATEGORIES.put("Homologação", "indeterminate");
    STATUS_CATEGORIES.put("FECHADO EM PROD", "done");
    STATUS_CATEGORIES.put("Em Pareamento", "indeterminate");
    STATUS_CATEGORIES.put("Entregue ao Cliente", "done");
  }

  private static final List<List<String>> WORKFLOWS =
      List.of(
          List.of("To Do", "In Progress", "In Review", "Done"),
          List.of(
              "A Fazer", "Em Desenvolvimento", "Em Code Review", "Homologação", "FECHADO EM PROD"),
          List.of("A Fazer", "Em Pareamento", "Em Code Review", "Entregue ao Cliente"));

  private final Builder config;
  private final FakeHttpServer server;
  private final Map<String, Map<Long, FakeIssue>> issues = new TreeMap<>();
  private final Map<Long, List<Map<String, @Nullable Object>>> sprintsByBoard = new TreeMap<>();
  private final Map<Integer, Runnable> afterSearch = new HashMap<>();
  private @Nullable RandomChanges randomChanges;
  private final Map<String, Long> deletedUpTo = new HashMap<>();
  // The random changes' clock: past every issue's update time, moving forward with each change.
  private @Nullable Instant changeClock;
  // Sorted views and an id index, rebuilt after any change, so a large fake answers in O(page).
  private final Map<String, List<FakeIssue>> sortedCache = new HashMap<>();
  private final Map<String, FakeIssue> byIdOrKey = new HashMap<>();
  // Rendered issue JSON for the last requested field list, so large fakes serve pages cheaply.
  private final Map<FakeIssue, String> rendered = new HashMap<>();
  private String renderedFor = "";
  private final Random random;
  private int searchCalls;

  private FakeJira(Builder config) {
    this.config = config;
    this.random = new Random(config.seed);
    for (Map.Entry<String, Integer> project : config.projects.entrySet()) {
      issues.put(project.getKey(), new TreeMap<>());
      generate(project.getKey(), project.getValue());
    }
    long boardId = 100;
    for (String project : config.projects.keySet()) {
      sprintsByBoard.put(boardId, generateSprints(boardId, project));
      boardId++;
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
   * Returns the underlying server, for fault injection and the request log.
   *
   * @return the server
   */
  public FakeHttpServer server() {
    return server;
  }

  /**
   * Returns the base URL to configure a connector with.
   *
   * @return the base URL
   */
  public URI baseUri() {
    return server.baseUri();
  }

  /**
   * Injects a fault for the next request below the path prefix.
   *
   * @param pathPrefix e.g. {@code /rest/api/3/search/jql}
   * @param fault the fault
   * @return this fake
   */
  public FakeJira inject(String pathPrefix, Fault fault) {
    server.inject(pathPrefix, fault);
    return this;
  }

  /**
   * Returns a project's issue keys in Jira's {@code ORDER BY updated ASC, key ASC} order.
   *
   * @param projectKey the project
   * @return the keys
   */
  public synchronized List<String> keysInOrder(String projectKey) {
    return sorted(projectKey).stream().map(FakeIssue::key).toList();
  }

  /**
   * Returns a project's issues' update times by key, in Jira's {@code ORDER BY updated ASC, key
   * ASC} order: what a reader that has caught up should hold.
   *
   * @param projectKey the project
   * @return key to update time
   */
  public synchronized Map<String, Instant> updatedTimes(String projectKey) {
    Map<String, Instant> out = new LinkedHashMap<>();
    sorted(projectKey).forEach(issue -> out.put(issue.key(), issue.updated));
    return out;
  }

  /**
   * Adds or replaces an issue.
   *
   * @param issue the issue
   * @return this fake
   */
  public synchronized FakeJira put(FakeIssue issue) {
    issues.computeIfAbsent(issue.projectKey, k -> new TreeMap<>()).put(issue.number, issue);
    changed();
    return this;
  }

  /**
   * Edits an issue: its update time moves to {@code at} (its summary changes), so Jira's order
   * moves it behind every issue updated earlier.
   *
   * @param key the issue key
   * @param at the new update time
   * @return this fake
   */
  public synchronized FakeJira edit(String key, Instant at) {
    FakeIssue issue = find(key);
    issue.updated = at;
    issue.summary = issue.summary + " (edited)";
    changed();
    return this;
  }

  /**
   * Creates a new issue in a project, numbered after the highest existing one.
   *
   * @param projectKey the project
   * @param at its creation and update time
   * @return the new issue's key
   */
  public synchronized String add(String projectKey, Instant at) {
    Map<Long, FakeIssue> project = issues.computeIfAbsent(projectKey, k -> new TreeMap<>());
    // Jira never reuses a deleted issue's number.
    long number =
        Math.max(
                project.isEmpty() ? 0 : ((TreeMap<Long, FakeIssue>) project).lastKey(),
                deletedUpTo.getOrDefault(projectKey, 0L))
            + 1;
    FakeIssue issue = new FakeIssue(projectKey, number, at, at).summary("new issue");
    project.put(number, issue);
    changed();
    return issue.key();
  }

  /**
   * Changes a sprint's raw state string, as Jira does when a sprint starts or ends.
   *
   * @param sprintId the sprint
   * @param state the new raw state, e.g. {@code closed}
   * @return this fake
   */
  public synchronized FakeJira sprintState(long sprintId, String state) {
    for (List<Map<String, @Nullable Object>> sprints : sprintsByBoard.values()) {
      for (Map<String, @Nullable Object> sprint : sprints) {
        if (Long.valueOf(sprintId)
            .equals(((Number) Objects.requireNonNull(sprint.get("id"))).longValue())) {
          sprint.put("state", state);
          return this;
        }
      }
    }
    throw new IllegalArgumentException("no sprint " + sprintId);
  }

  /**
   * Returns the raw sprints of a board (the maps the fake serves).
   *
   * @param boardId the board
   * @return a copy
   */
  public synchronized List<Map<String, @Nullable Object>> sprints(long boardId) {
    List<Map<String, @Nullable Object>> copy = new ArrayList<>();
    for (Map<String, @Nullable Object> sprint : sprintsByBoard.getOrDefault(boardId, List.of())) {
      copy.add(new LinkedHashMap<>(sprint));
    }
    return copy;
  }

  /**
   * Replaces a board's sprints with raw sprint maps (id, state, name, goal, dates as Jira text).
   *
   * @param boardId the board
   * @param sprints the sprints
   * @return this fake
   */
  public synchronized FakeJira sprints(long boardId, List<Map<String, @Nullable Object>> sprints) {
    List<Map<String, @Nullable Object>> copy = new ArrayList<>();
    for (Map<String, @Nullable Object> sprint : sprints) {
      copy.add(new LinkedHashMap<>(sprint));
    }
    sprintsByBoard.put(boardId, copy);
    return this;
  }

  /**
   * Runs a change right after the n-th search answer (counting from 1) has been built, so the
   * client's next page sees changed data.
   *
   * @param n the search call after which to change
   * @param change the change, e.g. {@code () -> fake.edit("BG-3", later)}
   * @return this fake
   */
  public synchronized FakeJira afterSearchCall(int n, Runnable change) {
    afterSearch.put(n, Objects.requireNonNull(change, "change"));
    return this;
  }

  /**
   * Deletes an issue, as Jira does when someone deletes it: it leaves every search.
   *
   * @param key the issue key
   * @return this fake
   */
  public synchronized FakeJira delete(String key) {
    FakeIssue issue = find(key);
    Objects.requireNonNull(issues.get(issue.projectKey)).remove(issue.number);
    deletedUpTo.merge(issue.projectKey, issue.number, Math::max);
    changed();
    return this;
  }

  /**
   * Starts the seeded random-change mode: after every search answer, {@code perAnswer} changes,
   * each an issue created in a random project, an edit of a random issue, or a deletion. Update
   * times move forward from past the newest issue's by 0 to 90 seconds a change (several in one
   * minute, as JQL's minute precision makes hard). Ids are issue keys.
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
                synchronized (FakeJira.this) {
                  List<String> projects = new ArrayList<>(issues.keySet());
                  return add(projects.get(r.nextInt(projects.size())), nextChangeTime(r));
                }
              }

              @Override
              public @Nullable String update(SplittableRandom r) {
                synchronized (FakeJira.this) {
                  FakeIssue issue = randomIssue(r);
                  if (issue == null) {
                    return null;
                  }
                  edit(issue.key(), nextChangeTime(r));
                  return issue.key();
                }
              }

              @Override
              public @Nullable String delete(SplittableRandom r) {
                synchronized (FakeJira.this) {
                  FakeIssue issue = randomIssue(r);
                  if (issue == null) {
                    return null;
                  }
                  FakeJira.this.delete(issue.key());
                  return issue.key();
                }
              }
            });
    randomChanges = changes;
    return changes;
  }

  private @Nullable FakeIssue randomIssue(SplittableRandom r) {
    List<FakeIssue> all = new ArrayList<>();
    issues.values().forEach(project -> all.addAll(project.values()));
    return all.isEmpty() ? null : all.get(r.nextInt(all.size()));
  }

  private Instant nextChangeTime(SplittableRandom r) {
    Instant now = changeClock;
    if (now == null) {
      now = Instant.EPOCH;
      for (Map<Long, FakeIssue> project : issues.values()) {
        for (FakeIssue issue : project.values()) {
          if (issue.updated.isAfter(now)) {
            now = issue.updated;
          }
        }
      }
    }
    now = now.plusSeconds(r.nextInt(91)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    changeClock = now;
    return now;
  }

  /**
   * Returns how many search calls were answered.
   *
   * @return the count
   */
  public synchronized int searchCalls() {
    return searchCalls;
  }

  /**
   * Formats an instant as Jira does, e.g. {@code 2026-04-01T10:00:00.000+0000}.
   *
   * @param instant the instant
   * @return the text
   */
  public static String jiraTime(Instant instant) {
    return JIRA_TIME.format(instant);
  }

  @Override
  public void close() {
    server.close();
  }

  // ---- data generation ----

  private void generate(String projectKey, int count) {
    Instant start = config.start;
    int sharedFrom = config.sharedFrom < 0 ? count / 3 : config.sharedFrom;
    Instant shared = null;
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
      Instant created = updated.minus(Duration.ofHours(24 + random.nextInt(24 * 30)));
      FakeIssue issue = new FakeIssue(projectKey, number, created, updated);
      List<String> flow = WORKFLOWS.get(random.nextInt(WORKFLOWS.size()));
      int steps = random.nextInt(flow.size() * 3);
      int limit = config.inlineChangelogLimit;
      if (random.nextInt(10) == 0) {
        steps = limit + 5 + random.nextInt(10);
      }
      Instant at = created;
      long span = Math.max(1, Duration.between(created, updated).toSeconds() / (steps + 1));
      int index = 0;
      String current = flow.get(0);
      for (int s = 0; s < steps; s++) {
        at = at.plusSeconds(1 + random.nextInt((int) Math.min(Integer.MAX_VALUE, span)));
        if (s % 7 == 6) {
          issue.sprintChange(at, "", Long.toString(1000 + random.nextInt(5)));
          continue;
        }
        // Mostly forward, sometimes back (reopened issues and backward moves are kept).
        int next =
            random.nextInt(5) == 0 && index > 0 ? index - 1 : Math.min(index + 1, flow.size() - 1);
        String to = flow.get(next);
        if (random.nextInt(40) == 0) {
          to = "Limbo";
        }
        issue.transition(at, current, to);
        current = to;
        index = next;
      }
      issue.status(current, STATUS_CATEGORIES.get(current));
      if ("done".equals(STATUS_CATEGORIES.get(current))) {
        issue.resolved(at);
      }
      String[] types = {"Story", "Bug", "Task", "Sub-task", "Epic", "História"};
      issue.type(types[random.nextInt(types.length)]);
      List<String> labels = new ArrayList<>();
      if (random.nextBoolean()) {
        labels.add("backend");
      }
      if (random.nextInt(4) == 0) {
        labels.add(config.nulBytes ? "fron\u0000tend" : "frontend");
      }
      issue.labels(labels);
      // from the number, not the random source, so the other generated values stay as they were
      if (number % 4 == 0) {
        issue.components(List.of(number % 8 == 0 ? "Payments" : "Checkout"));
      }
      if (number > config.firstNumber && random.nextInt(3) == 0) {
        issue.parent(projectKey + "-" + config.firstNumber);
      }
      switch (random.nextInt(5)) {
        case 0 ->
            issue.custom(
                STORY_POINTS_FIELD, new BigDecimal(new int[] {1, 2, 3, 5, 8}[random.nextInt(5)]));
        case 1 ->
            issue.custom(
                TSHIRT_FIELD, Map.of("value", new String[] {"P", "M", "G"}[random.nextInt(3)]));
        case 2 ->
            issue.custom(
                TAMANHO_FIELD,
                Map.of("value", new String[] {"PP", "P", "M", "G"}[random.nextInt(4)]));
        case 3 -> issue.originalEstimate((long) (1 + random.nextInt(60)) * 3600);
        default -> {
          // unestimated
        }
      }
      if (random.nextInt(3) == 0) {
        issue.sprints(List.of(1000L + random.nextInt(5)));
      }
      issue.summary(
          config.nulBytes && i % 5 == 0 ? "Fix \u0000 bug " + number : "Work item " + number);
      issues.computeIfAbsent(projectKey, k -> new TreeMap<>()).put(number, issue);
    }
  }

  private List<Map<String, @Nullable Object>> generateSprints(long boardId, String project) {
    List<Map<String, @Nullable Object>> sprints = new ArrayList<>();
    String[] states = {"closed", "closed", "active", "future", "future"};
    for (int i = 0; i < states.length; i++) {
      Map<String, @Nullable Object> sprint = new LinkedHashMap<>();
      long id = boardId == 100 ? 1000 + i : boardId * 10 + i;
      Instant start = config.start.plus(Duration.ofDays(14L * i));
      sprint.put("id", id);
      sprint.put("self", "/rest/agile/1.0/sprint/" + id);
      sprint.put("state", states[i]);
      sprint.put("name", project + " Sprint " + (i + 1));
      if (!"future".equals(states[i])) {
        sprint.put("startDate", jiraTime(start));
        sprint.put("endDate", jiraTime(start.plus(Duration.ofDays(14))));
      }
      if ("closed".equals(states[i])) {
        sprint.put("completeDate", jiraTime(start.plus(Duration.ofDays(14)).plusSeconds(3600)));
      }
      sprint.put("originBoardId", boardId);
      sprint.put("goal", config.nulBytes && i == 0 ? "Ship \u0000 search" : "Goal " + (i + 1));
      sprints.add(sprint);
    }
    return sprints;
  }

  // ---- HTTP ----

  private Response handle(Request request) {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (config.email + ":" + config.token).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(request.header("Authorization"))) {
      return error(401, "Client must be authenticated to access this resource.");
    }
    String path = request.path();
    String method = request.method();
    if (method.equals("GET") && path.equals("/rest/api/3/serverInfo")) {
      return conditional(
          request, Map.of("baseUrl", baseUri().toString(), "deploymentType", "Cloud"));
    }
    if (method.equals("GET") && path.equals("/rest/api/3/project/search")) {
      return projects(request);
    }
    if (method.equals("GET") && path.startsWith("/rest/api/3/project/")) {
      String key = path.substring("/rest/api/3/project/".length());
      synchronized (this) {
        if (!issues.containsKey(key)) {
          return error(404, "No project could be found with key '" + key + "'.");
        }
      }
      return conditional(request, Map.of("key", key, "id", Integer.toString(key.hashCode())));
    }
    if (method.equals("GET") && path.equals("/rest/api/3/field")) {
      return conditional(request, fields());
    }
    if (method.equals("GET") && path.equals("/rest/api/3/status")) {
      return conditional(request, statuses());
    }
    if (method.equals("POST") && path.equals("/rest/api/3/search/jql")) {
      return search(request);
    }
    if (method.equals("POST") && path.equals("/rest/api/3/search/approximate-count")) {
      return count(request);
    }
    if (path.equals("/rest/api/3/search") || path.equals("/rest/api/2/search")) {
      return error(410, "The requested API has been removed. Please use /rest/api/3/search/jql.");
    }
    if (method.equals("POST") && path.equals("/rest/api/3/changelog/bulkfetch")) {
      return bulkfetch(request);
    }
    if (method.equals("GET") && path.equals("/rest/agile/1.0/board")) {
      return boards(request);
    }
    Matcher sprint = Pattern.compile("/rest/agile/1\\.0/board/(\\d+)/sprint").matcher(path);
    if (method.equals("GET") && sprint.matches()) {
      return sprints(request, Long.parseLong(sprint.group(1)));
    }
    return error(404, "no such resource " + path);
  }

  private static Response error(int status, String message) {
    return Response.json(status, FakeJson.write(Map.of("errorMessages", List.of(message))));
  }

  private static Response conditional(Request request, Object body) {
    String json = FakeJson.write(body);
    String etag = "\"" + Integer.toHexString(json.hashCode()) + "\"";
    if (etag.equals(request.header("If-None-Match"))) {
      return new Response(304, Map.of("ETag", etag), new byte[0]);
    }
    return Response.json(json, Map.of("ETag", etag));
  }

  private synchronized Response projects(Request request) {
    int startAt = Integer.parseInt(request.param("startAt", "0"));
    int max = Math.min(2, Integer.parseInt(request.param("maxResults", "50")));
    List<String> keys = new ArrayList<>(issues.keySet());
    List<Object> values = new ArrayList<>();
    for (int i = startAt; i < Math.min(keys.size(), startAt + max); i++) {
      values.add(
          Map.of(
              "id",
              Integer.toString(10_000 + i),
              "key",
              keys.get(i),
              "name",
              "Project " + keys.get(i)));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("startAt", startAt);
    body.put("maxResults", max);
    body.put("total", keys.size());
    body.put("isLast", startAt + max >= keys.size());
    body.put("values", values);
    return Response.json(200, FakeJson.write(body));
  }

  private static List<Object> fields() {
    List<Object> fields = new ArrayList<>();
    fields.add(field("summary", "Summary", false));
    fields.add(field("status", "Status", false));
    fields.add(field("timeoriginalestimate", "Original Estimate", false));
    fields.add(field("customfield_10001", "Team", true));
    fields.add(field(SPRINT_FIELD, "Sprint", true));
    fields.add(field(STORY_POINTS_FIELD, "Story Points", true));
    fields.add(field("customfield_10099", "Sprint", true));
    fields.add(field(TSHIRT_FIELD, "T-Shirt Size", true));
    fields.add(field(TAMANHO_FIELD, "Tamanho/Impacto", true));
    return fields;
  }

  private static Map<String, Object> field(String id, String name, boolean custom) {
    return Map.of("id", id, "key", id, "name", name, "custom", custom);
  }

  private static List<Object> statuses() {
    List<Object> out = new ArrayList<>();
    int id = 1;
    for (Map.Entry<String, String> e : STATUS_CATEGORIES.entrySet()) {
      out.add(
          Map.of(
              "id", Integer.toString(id++),
              "name", e.getKey(),
              "statusCategory", Map.of("key", e.getValue())));
    }
    return out;
  }

  private void changed() {
    sortedCache.clear();
    byIdOrKey.clear();
    rendered.clear();
  }

  private List<FakeIssue> sorted(String projectKey) {
    return sortedCache.computeIfAbsent(
        projectKey,
        k -> {
          List<FakeIssue> list = new ArrayList<>(issues.getOrDefault(k, Map.of()).values());
          list.sort(
              Comparator.comparing((FakeIssue i) -> i.updated).thenComparingLong(i -> i.number));
          return List.copyOf(list);
        });
  }

  private List<FakeIssue> evaluate(String jql) {
    Matcher m = JQL.matcher(jql.strip());
    if (!m.matches()) {
      throw new BadRequest("Unsupported or unbounded JQL: " + jql);
    }
    String project = m.group(1);
    if (!issues.containsKey(project)) {
      throw new BadRequest("The value '" + project + "' does not exist for the field 'project'.");
    }
    List<FakeIssue> all = sorted(project);
    if (m.group(2) == null) {
      return all;
    }
    Instant from = LocalDateTime.parse(m.group(2), JQL_MINUTE).toInstant(ZoneOffset.UTC);
    int lo = 0;
    int hi = all.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (all.get(mid).updated.isBefore(from)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return all.subList(lo, all.size());
  }

  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, @Nullable Object> body(Request request) {
    Object parsed = FakeJson.parse(request.body());
    if (!(parsed instanceof Map<?, ?>)) {
      throw new BadRequest("body must be a JSON object");
    }
    return (Map<String, @Nullable Object>) parsed;
  }

  private Response search(Request request) {
    Runnable change;
    Response response;
    synchronized (this) {
      try {
        Map<String, @Nullable Object> body = body(request);
        String jql = String.valueOf(body.get("jql"));
        List<FakeIssue> result = evaluate(jql);
        int max = body.get("maxResults") instanceof Number n ? n.intValue() : 50;
        max = Math.max(1, Math.min(max, config.maxResultsCap));
        int offset = 0;
        Object token = body.get("nextPageToken");
        if (token instanceof String t) {
          String decoded = new String(Base64.getUrlDecoder().decode(t), StandardCharsets.UTF_8);
          int bar = decoded.indexOf('|');
          if (bar < 0 || !decoded.substring(bar + 1).equals(jql)) {
            throw new BadRequest("nextPageToken does not belong to this query");
          }
          offset = Integer.parseInt(decoded.substring(0, bar));
        }
        Set<String> fields = new LinkedHashSet<>();
        if (body.get("fields") instanceof List<?> list) {
          list.forEach(f -> fields.add(String.valueOf(f)));
        }
        boolean changelog = String.valueOf(body.get("expand")).contains("changelog");
        String renderKey = fields + "|" + changelog;
        if (!renderKey.equals(renderedFor)) {
          rendered.clear();
          renderedFor = renderKey;
        }
        StringBuilder out = new StringBuilder(4096).append("{\"issues\":[");
        int end = Math.min(result.size(), offset + max);
        for (int i = offset; i < end; i++) {
          FakeIssue issue = result.get(i);
          if (i > offset) {
            out.append(',');
          }
          out.append(
              rendered.computeIfAbsent(
                  issue, k -> FakeJson.write(issueJson(k, fields, changelog))));
        }
        out.append(']');
        boolean last = end >= result.size();
        if (!last) {
          out.append(",\"nextPageToken\":")
              .append(
                  FakeJson.write(
                      Base64.getUrlEncoder()
                          .withoutPadding()
                          .encodeToString((end + "|" + jql).getBytes(StandardCharsets.UTF_8))));
        }
        out.append(",\"isLast\":").append(last).append('}');
        response = Response.json(200, out.toString());
      } catch (BadRequest e) {
        return error(400, String.valueOf(e.getMessage()));
      }
      searchCalls++;
      change = afterSearch.remove(searchCalls);
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

  private synchronized Response count(Request request) {
    try {
      List<FakeIssue> result = evaluate(String.valueOf(body(request).get("jql")));
      return Response.json(200, FakeJson.write(Map.of("count", result.size())));
    } catch (BadRequest e) {
      return error(400, String.valueOf(e.getMessage()));
    }
  }

  private Map<String, Object> issueJson(FakeIssue issue, Set<String> fields, boolean changelog) {
    Map<String, @Nullable Object> f = new LinkedHashMap<>();
    Map<String, @Nullable Object> all = new LinkedHashMap<>();
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("name", issue.statusName);
    if (issue.statusCategory != null) {
      status.put("statusCategory", Map.of("key", issue.statusCategory));
    }
    all.put("status", status);
    all.put("issuetype", Map.of("name", issue.typeName));
    all.put("created", jiraTime(issue.created));
    all.put("updated", jiraTime(issue.updated));
    all.put("resolutiondate", issue.resolved == null ? null : jiraTime(issue.resolved));
    all.put("labels", issue.labels);
    List<Object> components = new ArrayList<>();
    for (String name : issue.components) {
      long componentId = 10_000L + Math.abs(name.hashCode() % 10_000);
      components.add(
          Map.of(
              "id",
              Long.toString(componentId),
              "name",
              name,
              "self",
              "/rest/api/3/component/" + componentId));
    }
    all.put("components", components);
    all.put("parent", issue.parentKey == null ? null : Map.of("key", issue.parentKey));
    all.put("timeoriginalestimate", issue.originalEstimateSeconds);
    all.put("summary", issue.summary);
    all.put("priority", issue.priority == null ? null : Map.of("name", issue.priority));
    all.put("assignee", Map.of("displayName", "Ana Souza", "emailAddress", "ana@example.test"));
    all.put("reporter", Map.of("displayName", "Bruno Lima", "emailAddress", "bruno@example.test"));
    all.putAll(issue.customFields);
    List<Object> sprints = new ArrayList<>();
    for (long id : issue.sprintIds) {
      sprints.add(Map.of("id", id, "name", "Sprint " + id, "state", "active", "boardId", 100));
    }
    all.put(SPRINT_FIELD, sprints.isEmpty() ? null : sprints);
    for (String name : fields) {
      if (all.containsKey(name)) {
        f.put(name, all.get(name));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", Long.toString(issue.id));
    out.put("key", issue.key());
    out.put("self", "/rest/api/3/issue/" + issue.id);
    out.put("fields", f);
    if (changelog) {
      List<FakeIssue.History> histories = issue.histories;
      int limit = config.inlineChangelogLimit;
      // Jira inlines the newest histories; the oldest are the ones a trusting client loses.
      List<FakeIssue.History> inlined =
          histories.size() <= limit
              ? histories
              : histories.subList(histories.size() - limit, histories.size());
      List<Object> hs = new ArrayList<>();
      for (FakeIssue.History h : inlined) {
        hs.add(historyJson(h, null));
      }
      out.put(
          "changelog",
          Map.of(
              "startAt",
              0,
              "maxResults",
              inlined.size(),
              "total",
              histories.size(),
              "histories",
              hs));
    }
    return out;
  }

  private static Map<String, Object> historyJson(
      FakeIssue.History h, @Nullable Set<String> fieldIds) {
    List<Object> items = new ArrayList<>();
    for (FakeIssue.Item item : h.items()) {
      if (fieldIds != null && !fieldIds.contains(item.fieldId())) {
        continue;
      }
      Map<String, @Nullable Object> i = new LinkedHashMap<>();
      i.put("field", item.field());
      i.put("fieldtype", item.fieldId().startsWith("customfield_") ? "custom" : "jira");
      i.put("fieldId", item.fieldId());
      i.put("from", item.from());
      i.put("fromString", item.fromString());
      i.put("to", item.to());
      i.put("toString", item.toText());
      items.add(i);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", h.id());
    out.put("author", Map.of("displayName", "Carla Dias", "emailAddress", "carla@example.test"));
    out.put("created", jiraTime(h.created()));
    out.put("items", items);
    return out;
  }

  private synchronized Response bulkfetch(Request request) {
    try {
      Map<String, @Nullable Object> body = body(request);
      List<String> wanted = new ArrayList<>();
      if (body.get("issueIdsOrKeys") instanceof List<?> list) {
        list.forEach(k -> wanted.add(String.valueOf(k)));
      }
      if (wanted.isEmpty() || wanted.size() > 1000) {
        throw new BadRequest("issueIdsOrKeys must hold 1 to 1000 issues");
      }
      Set<String> fieldIds = new LinkedHashSet<>();
      if (body.get("fieldIds") instanceof List<?> list) {
        list.forEach(k -> fieldIds.add(String.valueOf(k)));
      }
      if (fieldIds.size() > 10) {
        throw new BadRequest("at most 10 fieldIds");
      }
      int max = body.get("maxResults") instanceof Number n ? Math.min(n.intValue(), 1000) : 1000;
      max = Math.min(max, config.bulkfetchCap);
      int offset = body.get("nextPageToken") instanceof String t ? Integer.parseInt(t) : 0;
      List<Map.Entry<FakeIssue, FakeIssue.History>> rows = new ArrayList<>();
      for (String idOrKey : wanted) {
        FakeIssue issue = findByIdOrKey(idOrKey);
        for (FakeIssue.History h : issue.histories) {
          boolean matches =
              fieldIds.isEmpty()
                  || h.items().stream().anyMatch(i -> fieldIds.contains(i.fieldId()));
          if (matches) {
            rows.add(Map.entry(issue, h));
          }
        }
      }
      Map<String, List<Object>> grouped = new LinkedHashMap<>();
      int end = Math.min(rows.size(), offset + max);
      for (int i = offset; i < end; i++) {
        Map.Entry<FakeIssue, FakeIssue.History> row = rows.get(i);
        grouped
            .computeIfAbsent(Long.toString(row.getKey().id), k -> new ArrayList<>())
            .add(historyJson(row.getValue(), fieldIds.isEmpty() ? null : fieldIds));
      }
      List<Object> logs = new ArrayList<>();
      grouped.forEach((id, hs) -> logs.add(Map.of("issueId", id, "changeHistories", hs)));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("issueChangeLogs", logs);
      if (end < rows.size()) {
        out.put("nextPageToken", Integer.toString(end));
      }
      return Response.json(200, FakeJson.write(out));
    } catch (BadRequest e) {
      return error(400, String.valueOf(e.getMessage()));
    }
  }

  private FakeIssue find(String key) {
    int dash = key.lastIndexOf('-');
    FakeIssue issue =
        dash < 0
            ? null
            : issues
                .getOrDefault(key.substring(0, dash), Map.of())
                .get(Long.parseLong(key.substring(dash + 1)));
    if (issue == null) {
      throw new IllegalArgumentException("no issue " + key);
    }
    return issue;
  }

  private FakeIssue findByIdOrKey(String idOrKey) {
    if (byIdOrKey.isEmpty()) {
      for (Map<Long, FakeIssue> project : issues.values()) {
        for (FakeIssue issue : project.values()) {
          byIdOrKey.put(Long.toString(issue.id), issue);
          byIdOrKey.put(issue.key(), issue);
        }
      }
    }
    FakeIssue found = byIdOrKey.get(idOrKey);
    if (found != null) {
      return found;
    }
    throw new BadRequest(
        "Issue does not exist or you do not have permission to see it: " + idOrKey);
  }

  private synchronized Response boards(Request request) {
    int startAt = Integer.parseInt(request.param("startAt", "0"));
    int max = Math.min(2, Integer.parseInt(request.param("maxResults", "50")));
    List<String> projects = new ArrayList<>(config.projects.keySet());
    List<Long> ids = new ArrayList<>(sprintsByBoard.keySet());
    List<Object> values = new ArrayList<>();
    for (int i = startAt; i < Math.min(ids.size(), startAt + max); i++) {
      String project = i < projects.size() ? projects.get(i) : "NONE";
      values.add(
          Map.of(
              "id",
              ids.get(i),
              "name",
              project + " board",
              "type",
              "scrum",
              "location",
              Map.of("projectKey", project)));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("startAt", startAt);
    body.put("maxResults", max);
    body.put("isLast", startAt + max >= ids.size());
    body.put("values", values);
    return Response.json(200, FakeJson.write(body));
  }

  private synchronized Response sprints(Request request, long boardId) {
    List<Map<String, @Nullable Object>> all = sprintsByBoard.get(boardId);
    if (all == null) {
      return error(404, "Board does not exist or you do not have permission to see it.");
    }
    int startAt = Integer.parseInt(request.param("startAt", "0"));
    int max = Math.min(2, Integer.parseInt(request.param("maxResults", "50")));
    List<Object> values = new ArrayList<>();
    for (int i = startAt; i < Math.min(all.size(), startAt + max); i++) {
      values.add(all.get(i));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("startAt", startAt);
    body.put("maxResults", max);
    body.put("isLast", startAt + max >= all.size());
    body.put("values", values);
    return conditional(request, body);
  }

  /**
   * Configures a {@link FakeJira}. Defaults: seed 1, no projects, first issue number 1, data from
   * 2026-01-05T09:00Z, change logs inlined up to 20 histories, search pages of at most 50 issues,
   * bulk change-log pages of at most 100 histories, NUL bytes in some summaries, labels and goals.
   */
  public static final class Builder {
    private long seed = 1;
    private final Map<String, Integer> projects = new LinkedHashMap<>();
    private long firstNumber = 1;
    private Instant start = Instant.parse("2026-01-05T09:00:00Z");
    private int sharingOneTimestamp;
    private int sharedFrom = -1;
    private int inlineChangelogLimit = 20;
    private int maxResultsCap = 50;
    private int bulkfetchCap = 100;
    private boolean nulBytes = true;
    private String email = EMAIL;
    private String token = TOKEN;

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
     * Adds a project with generated issues.
     *
     * @param key the project key, e.g. {@code BG}
     * @param issueCount how many issues, {@code >= 0}
     * @return this builder
     */
    public Builder project(String key, int issueCount) {
      if (issueCount < 0) {
        throw new IllegalArgumentException("issueCount must be >= 0 but was " + issueCount);
      }
      projects.put(Objects.requireNonNull(key, "key"), issueCount);
      return this;
    }

    /**
     * Sets the number of each project's first issue (90 makes a shared group cross BG-99/BG-100).
     *
     * @param firstNumber {@code >= 1}
     * @return this builder
     */
    public Builder firstNumber(long firstNumber) {
      this.firstNumber = firstNumber;
      return this;
    }

    /**
     * Sets when the generated issues' update times begin (one issue a minute from there).
     *
     * @param start the start
     * @return this builder
     */
    public Builder start(Instant start) {
      this.start = Objects.requireNonNull(start, "start");
      return this;
    }

    /**
     * Gives {@code count} consecutive issues of every project one identical update time, from the
     * issue at {@code fromIndex} (or a third of the way in when negative).
     *
     * @param count how many share the time
     * @param fromIndex the first sharing issue's index, or -1
     * @return this builder
     */
    public Builder sharingOneTimestamp(int count, int fromIndex) {
      this.sharingOneTimestamp = count;
      this.sharedFrom = fromIndex;
      return this;
    }

    /**
     * Sets how many histories the search inlines per issue before truncating.
     *
     * @param limit {@code >= 0}
     * @return this builder
     */
    public Builder inlineChangelogLimit(int limit) {
      this.inlineChangelogLimit = limit;
      return this;
    }

    /**
     * Sets the most issues one search page returns, whatever the client asks.
     *
     * @param cap {@code >= 1}
     * @return this builder
     */
    public Builder maxResultsCap(int cap) {
      this.maxResultsCap = cap;
      return this;
    }

    /**
     * Sets the most histories one bulk change-log page returns.
     *
     * @param cap {@code >= 1}
     * @return this builder
     */
    public Builder bulkfetchCap(int cap) {
      this.bulkfetchCap = cap;
      return this;
    }

    /**
     * Turns NUL bytes in generated text on or off.
     *
     * @param nulBytes whether to include them
     * @return this builder
     */
    public Builder nulBytes(boolean nulBytes) {
      this.nulBytes = nulBytes;
      return this;
    }

    /**
     * Starts the fake.
     *
     * @return the running fake
     */
    public FakeJira start() {
      return new FakeJira(this);
    }
  }
}
