package dev.pulse.connectors.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.connectors.internal.HttpResult;
import dev.pulse.connectors.internal.Json;
import dev.pulse.model.EffortSource;
import dev.pulse.model.Issue;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one project's issues, oldest update first, as pages of {@link Issue}.
 *
 * <p>Every page is a fresh {@code POST /rest/api/3/search/jql} from the request's position: JQL
 * {@code updated >= "<minute of the position>"} (JQL has minute precision), {@code ORDER BY updated
 * ASC, key ASC}, and the records at or before the position dropped on the client (a resumed query
 * asks for a few more than the page, since that minute's earlier records come back first). A page
 * holds at most the requested size and may hold fewer. A {@code nextPageToken} is followed only
 * inside one fetch, while every record so far was already delivered, never from one page to the
 * next: a token belongs to its query, and following it while the result set changes skips records.
 * Truncated change logs are completed with {@code POST /rest/api/3/changelog/bulkfetch}. Called by
 * one thread at a time, as {@link PageFetcher} says.
 */
final class JiraIssueFetcher implements PageFetcher<Issue> {
  static final String SEARCH = "/rest/api/3/search/jql";
  static final String BULK_CHANGELOG = "/rest/api/3/changelog/bulkfetch";
  private static final int BULK_ISSUES = 1000;
  // Records of the stored position's minute come back first and are dropped on the client; asking
  // for a few more than the page keeps that re-scan to one request in the usual case.
  private static final int BOUNDARY_CUSHION = 20;
  private static final int MAX_ASK = 1000;
  // Fields of a search result no part of this connector reads (links, people, display texts of
  // change items); left out of each issue's tree while it is parsed.
  private static final Set<String> UNREAD =
      Set.of(
          "self",
          "expand",
          "author",
          "fromString",
          "fieldtype",
          "fieldId",
          "avatarUrls",
          "iconUrl");

  private static final Logger LOG = LoggerFactory.getLogger(JiraIssueFetcher.class);

  private final JiraConnector connector;
  private final ScopeKey scope;
  private final String projectKey;
  private final Map<EffortSource, Long> effortAtOpen;
  private long read;

  JiraIssueFetcher(JiraConnector connector, ScopeKey scope) {
    this.connector = connector;
    this.scope = scope;
    this.projectKey = scope.value();
    this.effortAtOpen = connector.effortSourceCounts();
  }

  /** Logs where this read's effort values came from, so a shift in estimation is visible. */
  @Override
  public void close() {
    Map<EffortSource, Long> now = connector.effortSourceCounts();
    Map<EffortSource, Long> delta = new EnumMap<>(EffortSource.class);
    now.forEach((source, n) -> delta.put(source, n - effortAtOpen.getOrDefault(source, 0L)));
    LOG.info("jira {}: read {} issues; effort sources {}", scope, read, delta);
  }

  @Override
  public Page<Issue> fetch(PageRequest request) {
    JiraConnector.Metadata meta = connector.metadata(scope);
    Position after = request.after();
    if (after != null && !after.isInstant()) {
      throw new IllegalArgumentException(
          "jira issue positions are (updated instant, issue number), but was " + after);
    }
    String jql = connector.jql(projectKey, after);
    List<Issue> out = new ArrayList<>();
    Position lastPosition = null;
    String token = null;
    boolean last;
    int ask = Math.min(MAX_ASK, request.pageSize() + (after == null ? 0 : BOUNDARY_CUSHION));
    while (true) {
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.put("jql", jql);
      ArrayNode fields = body.putArray("fields");
      meta.searchFields().forEach(fields::add);
      body.put("expand", "changelog");
      body.put("maxResults", ask);
      if (token != null) {
        body.put("nextPageToken", token);
      }
      HttpResult result = connector.http().post(SEARCH, body.toString(), scope);
      List<JsonNode> raw = new ArrayList<>();
      JsonNode envelope = result.streamArray("issues", UNREAD, raw::add);
      List<JsonNode> fresh = new ArrayList<>();
      List<Position> positions = new ArrayList<>();
      Position previous = null;
      boolean full = false;
      for (JsonNode issue : raw) {
        Position p = position(issue, result);
        if (previous != null && !p.isAfter(previous)) {
          throw result.invalidData(
              "search results are not in (updated, key) order: " + p + " after " + previous);
        }
        previous = p;
        if (after == null || p.isAfter(after)) {
          if (out.size() + fresh.size() == request.pageSize()) {
            full = true;
          } else {
            fresh.add(issue);
            positions.add(p);
          }
        }
      }
      Map<String, List<JsonNode>> complete = completeChangelogs(fresh, meta, result);
      for (int i = 0; i < fresh.size(); i++) {
        JsonNode issue = fresh.get(i);
        String id = String.valueOf(Json.text(issue, "id"));
        out.add(meta.mapper().map(issue, complete.getOrDefault(id, List.of()), projectKey, result));
        lastPosition = positions.get(i);
        read++;
      }
      token = Json.text(envelope, "nextPageToken");
      JsonNode isLast = envelope.get("isLast");
      last = (isLast != null && !isLast.isNull()) ? isLast.asBoolean() : token == null;
      if (!last && token == null) {
        throw result.invalidData("isLast is false but there is no nextPageToken");
      }
      if (full) {
        // More fresh records than the page holds: the next page re-queries from this one's end.
        last = false;
      }
      if (!out.isEmpty() || last) {
        break;
      }
      ask = Math.min(MAX_ASK, ask * 2);
      // Every record of this response was already delivered (they share the position's minute):
      // follow the token within this one query to reach the new ones.
    }
    if (out.isEmpty()) {
      return Page.last(List.of(), null);
    }
    Position position = java.util.Objects.requireNonNull(lastPosition);
    return last ? Page.last(out, position) : Page.more(out, position);
  }

  private Position position(JsonNode issue, HttpResult result) {
    String key = Json.text(issue, "key");
    String updated = Json.text(Json.child(issue, "fields"), "updated");
    java.time.Instant at = JiraText.parseTime(updated);
    if (key == null || at == null) {
      throw result.invalidData("an issue without key or readable updated time");
    }
    return Position.at(at, issueNumber(key, result));
  }

  static long issueNumber(String key, HttpResult result) {
    int dash = key.lastIndexOf('-');
    try {
      return Long.parseLong(key.substring(dash + 1));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw result.invalidData("issue key " + key + " has no number");
    }
  }

  /** Returns every issue's full history list by id, fetching the rest of truncated ones. */
  private Map<String, List<JsonNode>> completeChangelogs(
      List<JsonNode> issues, JiraConnector.Metadata meta, HttpResult page) {
    Map<String, List<JsonNode>> byId = new HashMap<>();
    List<String> truncated = new ArrayList<>();
    for (JsonNode issue : issues) {
      String id = String.valueOf(Json.text(issue, "id"));
      JsonNode changelog = Json.child(issue, "changelog");
      List<JsonNode> histories = new ArrayList<>();
      JsonNode list = Json.child(changelog, "histories");
      if (list != null) {
        list.forEach(histories::add);
      }
      byId.put(id, histories);
      JsonNode total = Json.child(changelog, "total");
      if (total != null && total.asInt() > histories.size()) {
        truncated.add(id);
      }
    }
    for (int from = 0; from < truncated.size(); from += BULK_ISSUES) {
      List<String> chunk = truncated.subList(from, Math.min(truncated.size(), from + BULK_ISSUES));
      Map<String, List<JsonNode>> fetched = bulkfetch(chunk, meta);
      for (String id : chunk) {
        List<JsonNode> inline = byId.getOrDefault(id, List.of());
        List<JsonNode> full = fetched.getOrDefault(id, List.of());
        if (statusChanges(full) < statusChanges(inline)) {
          throw page.invalidData(
              "the bulk change log of issue "
                  + id
                  + " has fewer status changes than the inlined one; refusing to truncate");
        }
        byId.put(id, full);
      }
      connector.countBulkFetched(chunk.size());
    }
    return byId;
  }

  private Map<String, List<JsonNode>> bulkfetch(List<String> ids, JiraConnector.Metadata meta) {
    Map<String, List<JsonNode>> out = new HashMap<>();
    String token = null;
    do {
      ObjectNode body = Json.MAPPER.createObjectNode();
      ArrayNode idArray = body.putArray("issueIdsOrKeys");
      ids.forEach(idArray::add);
      ArrayNode fieldIds = body.putArray("fieldIds");
      fieldIds.add("status");
      if (meta.fields().sprint() != null) {
        fieldIds.add(meta.fields().sprint());
      }
      body.put("maxResults", 1000);
      if (token != null) {
        body.put("nextPageToken", token);
      }
      HttpResult result = connector.http().post(BULK_CHANGELOG, body.toString(), scope);
      JsonNode root =
          result.streamArray(
              "issueChangeLogs",
              UNREAD,
              log -> {
                String id = String.valueOf(Json.text(log, "issueId"));
                List<JsonNode> histories = out.computeIfAbsent(id, k -> new ArrayList<>());
                JsonNode list = Json.child(log, "changeHistories");
                if (list != null) {
                  list.forEach(histories::add);
                }
              });
      String next = Json.text(root, "nextPageToken");
      if (next != null && next.equals(token)) {
        throw result.invalidData("the bulk change log repeated its nextPageToken");
      }
      token = next;
    } while (token != null);
    return out;
  }

  private static int statusChanges(List<JsonNode> histories) {
    int n = 0;
    for (JsonNode h : histories) {
      JsonNode items = Json.child(h, "items");
      if (items == null) {
        continue;
      }
      for (JsonNode item : items) {
        String field = Json.text(item, "field");
        if ("status".equalsIgnoreCase(field)) {
          n++;
        }
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return "JiraIssueFetcher[" + scope + "]";
  }
}
