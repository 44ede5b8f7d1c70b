package dev.pulse.connectors.jira;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.EntityType;
import dev.pulse.Health;
import dev.pulse.Position;
import dev.pulse.PulseClock;
import dev.pulse.ScopeKey;
import dev.pulse.ScopeNotFoundException;
import dev.pulse.SourceException;
import dev.pulse.TieBreaker;
import dev.pulse.connectors.internal.HttpResult;
import dev.pulse.connectors.internal.Json;
import dev.pulse.connectors.internal.JsonHttp;
import dev.pulse.model.Sprint;
import dev.pulse.model.SprintStatus;
import dev.pulse.spi.Connector;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Jira sprints reader (agile API): one scope per board ({@code jira:board:<id>}), every sprint
 * of the board re-read on every run, because sprints change state at their end date, not when
 * something "updates" them.
 *
 * <p>Positions are (refresh generation, sprint id): the generation is the read's start time
 * truncated to the refresh interval, a token cursor, so each run's positions are after the previous
 * run's and the whole board is read again, while a read resumed within the same generation
 * continues after the last stored sprint id. Status is normalized through aliases (active ← active,
 * open, in_progress; closed ← closed, completed, complete, ended; future ← future, planned,
 * upcoming) and an unknown status becomes null, never a guess; the goal is kept; NUL bytes are
 * stripped from name and goal.
 *
 * <p>Obtained from {@link JiraConnector#sprints()}, sharing its HTTP client and rate limiter.
 * Thread-safe; {@link #close()} does not close the shared client.
 */
public final class JiraSprintConnector implements Connector<Sprint> {
  private static final Pattern BOARD_ID = Pattern.compile("[0-9]{1,18}");
  private static final Map<String, SprintStatus> ALIASES =
      Map.ofEntries(
          Map.entry("active", SprintStatus.ACTIVE),
          Map.entry("open", SprintStatus.ACTIVE),
          Map.entry("in_progress", SprintStatus.ACTIVE),
          Map.entry("closed", SprintStatus.CLOSED),
          Map.entry("completed", SprintStatus.CLOSED),
          Map.entry("complete", SprintStatus.CLOSED),
          Map.entry("ended", SprintStatus.CLOSED),
          Map.entry("future", SprintStatus.FUTURE),
          Map.entry("planned", SprintStatus.FUTURE),
          Map.entry("upcoming", SprintStatus.FUTURE));

  private final JsonHttp http;
  private final PulseClock clock;
  private final Duration refresh;

  JiraSprintConnector(JsonHttp http, PulseClock clock, Duration refresh) {
    this.http = http;
    this.clock = clock;
    this.refresh = refresh;
  }

  @Override
  public String source() {
    return JiraConnector.SOURCE;
  }

  @Override
  public EntityType entityType() {
    return EntityType.SPRINTS;
  }

  @Override
  public List<ScopeKey> discoverScopes() {
    List<ScopeKey> scopes = new ArrayList<>();
    int startAt = 0;
    while (true) {
      JsonNode root =
          http.get("/rest/agile/1.0/board?startAt=" + startAt + "&maxResults=50", null).json();
      JsonNode values = Json.child(root, "values");
      int seen = 0;
      if (values != null) {
        for (JsonNode board : values) {
          seen++;
          String id = Json.text(board, "id");
          if (id != null && BOARD_ID.matcher(id).matches()) {
            scopes.add(ScopeKey.of(JiraConnector.SOURCE, "board", id));
          }
        }
      }
      JsonNode isLast = root.get("isLast");
      if (seen == 0 || (isLast != null && isLast.asBoolean())) {
        return List.copyOf(scopes);
      }
      startAt += seen;
    }
  }

  @Override
  public Health checkHealth() {
    try {
      http.get("/rest/api/3/serverInfo", null);
      return Health.up();
    } catch (SourceException e) {
      return Health.down(e.code(), String.valueOf(e.getMessage()));
    }
  }

  @Override
  public PageFetcher<Sprint> openScope(ScopeKey scope) {
    Objects.requireNonNull(scope, "scope");
    if (!scope.source().equals(JiraConnector.SOURCE)
        || !scope.dimension().equals("board")
        || !BOARD_ID.matcher(scope.value()).matches()) {
      throw new ScopeNotFoundException(scope);
    }
    HttpResult probe = http.get(sprintsPath(scope.value(), 0), scope, 404);
    if (probe.status() == 404) {
      throw new ScopeNotFoundException(scope);
    }
    return new Fetcher(scope);
  }

  private static String sprintsPath(String boardId, int startAt) {
    return "/rest/agile/1.0/board/" + boardId + "/sprint?startAt=" + startAt + "&maxResults=50";
  }

  /**
   * Normalizes a raw sprint state through the aliases.
   *
   * @param raw the state as Jira (or a migrated source) names it
   * @return the status, or null when blank or unknown (never bucketed silently)
   */
  static @Nullable SprintStatus normalizeStatus(@Nullable String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    return ALIASES.get(raw.strip().toLowerCase(Locale.ROOT));
  }

  private final class Fetcher implements PageFetcher<Sprint> {
    private final ScopeKey scope;
    private final String generation;
    private @Nullable List<Sprint> board;

    Fetcher(ScopeKey scope) {
      this.scope = scope;
      long g = Math.floorDiv(clock.wallTimeMillis(), refresh.toMillis()) * refresh.toMillis();
      this.generation = String.format(Locale.ROOT, "%019d", g);
    }

    @Override
    public Page<Sprint> fetch(PageRequest request) {
      List<Sprint> all = board;
      if (all == null) {
        all = readBoard();
        board = all;
      }
      Position after = request.after();
      long afterId = Long.MIN_VALUE;
      if (after != null) {
        String token = after.token();
        if (token == null) {
          throw new IllegalArgumentException(
              "jira sprint positions are (generation, sprint id), but was " + after);
        }
        int byGeneration = token.compareTo(generation);
        if (byGeneration > 0) {
          return Page.last(List.of(), null);
        }
        if (byGeneration == 0) {
          afterId = after.tieBreaker().number();
        }
      }
      List<Sprint> out = new ArrayList<>();
      int i = 0;
      while (i < all.size() && Long.parseLong(all.get(i).id()) <= afterId) {
        i++;
      }
      for (; i < all.size() && out.size() < request.pageSize(); i++) {
        out.add(all.get(i));
      }
      if (out.isEmpty()) {
        return Page.last(List.of(), null);
      }
      Position position =
          Position.token(
              generation, TieBreaker.number(Long.parseLong(out.get(out.size() - 1).id())));
      return i < all.size() ? Page.more(out, position) : Page.last(out, position);
    }

    private List<Sprint> readBoard() {
      List<Sprint> sprints = new ArrayList<>();
      int startAt = 0;
      while (true) {
        HttpResult page = http.get(sprintsPath(scope.value(), startAt), scope);
        JsonNode root = page.json();
        JsonNode values = Json.child(root, "values");
        int seen = 0;
        if (values != null) {
          for (JsonNode s : values) {
            seen++;
            sprints.add(map(s, page));
          }
        }
        JsonNode isLast = root.get("isLast");
        if (seen == 0 || (isLast != null && isLast.asBoolean())) {
          break;
        }
        startAt += seen;
      }
      sprints.sort(Comparator.comparingLong(s -> Long.parseLong(s.id())));
      return List.copyOf(sprints);
    }

    private Sprint map(JsonNode s, HttpResult page) {
      String id = Json.text(s, "id");
      if (id == null || !BOARD_ID.matcher(id).matches()) {
        throw page.invalidData("a sprint without a numeric id");
      }
      String origin = Json.text(s, "originBoardId");
      String goal = JiraText.stripNulOrNull(Json.text(s, "goal"));
      return Sprint.builder()
          .id(id)
          .boardId(origin == null || origin.isBlank() ? scope.value() : origin)
          .name(
              JiraText.stripNul(
                  String.valueOf(Objects.requireNonNullElse(Json.text(s, "name"), ""))))
          .status(normalizeStatus(Json.text(s, "state")))
          .goal(goal == null || goal.isBlank() ? null : goal)
          .startedAt(JiraText.parseTime(Json.text(s, "startDate")))
          .endedAt(JiraText.parseTime(Json.text(s, "endDate")))
          .completedAt(JiraText.parseTime(Json.text(s, "completeDate")))
          .build();
    }

    @Override
    public String toString() {
      return "JiraSprintFetcher[" + scope + " generation " + generation + "]";
    }
  }

  @Override
  public String toString() {
    return "JiraSprintConnector[" + http + "]";
  }
}
