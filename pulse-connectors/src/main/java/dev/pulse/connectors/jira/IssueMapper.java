package dev.pulse.connectors.jira;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.connectors.internal.HttpResult;
import dev.pulse.connectors.internal.Json;
import dev.pulse.model.Issue;
import dev.pulse.model.IssueType;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.SprintChange;
import dev.pulse.model.StatusTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns one issue of a search page (plus its full change log) into an {@link Issue}: status
 * normalization of the current status and of every historical transition, the effort chain, type,
 * labels, components, parent, sprints and when the issue joined and left them; NUL bytes stripped
 * from every text. Reads no person field. Thread-safe.
 */
final class IssueMapper {
  private static final Pattern LEGACY_SPRINT_ID = Pattern.compile("\\bid=(\\d+)");

  private final StatusNormalizer statuses;
  private final Map<String, String> categoriesByName;
  private final EffortChain effort;
  private final JiraFields fields;

  IssueMapper(
      StatusNormalizer statuses,
      Map<String, String> categoriesByName,
      EffortChain effort,
      JiraFields fields) {
    this.statuses = statuses;
    this.categoriesByName = Map.copyOf(categoriesByName);
    this.effort = effort;
    this.fields = fields;
  }

  /** Status change rows in order; each row is (created, toString). */
  record StatusRow(Instant at, String to) {}

  Issue map(JsonNode issue, List<JsonNode> histories, String fallbackProject, HttpResult page) {
    String key = Json.text(issue, "key");
    JsonNode f = Json.child(issue, "fields");
    if (key == null || f == null) {
      throw page.invalidData("an issue without key or fields");
    }
    key = JiraText.stripNul(key);
    Instant updated = JiraText.parseTime(Json.text(f, "updated"));
    Instant created = JiraText.parseTime(Json.text(f, "created"));
    if (updated == null || created == null) {
      throw page.invalidData(key + " has no readable created/updated time");
    }
    JsonNode status = Json.child(f, "status");
    String raw = JiraText.stripNul(nonNull(Json.text(status, "name")));
    String category = Json.text(Json.child(status, "statusCategory"), "key");
    if (category == null) {
      category = categoriesByName.get(statuses.keyOf(raw));
    }
    NormalizedStatus normalized = statuses.normalize(raw, category);

    List<StatusTransition> transitions = transitions(histories);
    Instant startedAt = null;
    for (StatusTransition t : transitions) {
      if (t.status().isActive()) {
        startedAt = t.enteredAt();
        break;
      }
    }
    if (startedAt == null
        && (normalized == NormalizedStatus.IN_PROGRESS || normalized == NormalizedStatus.DONE)) {
      startedAt = created;
    }
    Instant completedAt =
        normalized == NormalizedStatus.DONE
            ? JiraText.parseTime(Json.text(f, "resolutiondate"))
            : null;

    EffortChain.Estimate estimate = effort.estimate(f);

    List<String> labels = new ArrayList<>();
    JsonNode labelNodes = Json.child(f, "labels");
    if (labelNodes != null) {
      for (JsonNode l : labelNodes) {
        String label = JiraText.stripNul(l.asText()).strip();
        if (!label.isEmpty()) {
          labels.add(label);
        }
      }
    }
    String parent = JiraText.stripNulOrNull(Json.text(Json.child(f, "parent"), "key"));
    if (parent != null && (parent.isBlank() || parent.equals(key))) {
      parent = null;
    }

    return Issue.builder()
        .key(key)
        .projectKey(projectKey(key, fallbackProject))
        .type(type(Json.text(Json.child(f, "issuetype"), "name")))
        .rawStatus(raw)
        .status(normalized)
        .transitions(transitions)
        .effort(estimate.points(), estimate.source())
        .sprintIds(sprintIds(f, histories))
        .createdAt(created)
        .startedAt(startedAt)
        .completedAt(completedAt)
        .updatedAt(updated)
        .labels(labels)
        .parentKey(parent)
        .sprintChanges(sprintChanges(histories))
        .components(components(f))
        .build();
  }

  /**
   * The sprints each {@code Sprint} change-log item made the issue join ({@code to} minus {@code
   * from}) and leave ({@code from} minus {@code to}); both are comma-separated sprint ids. Jira
   * keeps a closed sprint in the field, so carrying an issue over reads as joining the next sprint
   * without leaving the closed one. Histories without a readable time are skipped.
   */
  static List<SprintChange> sprintChanges(List<JsonNode> histories) {
    List<SprintChange> out = null;
    for (JsonNode history : histories) {
      JsonNode items = Json.child(history, "items");
      if (items == null) {
        continue;
      }
      Instant at = null;
      for (JsonNode item : items) {
        if (!"sprint".equalsIgnoreCase(Json.text(item, "field"))) {
          continue;
        }
        if (at == null) {
          at = JiraText.parseTime(Json.text(history, "created"));
          if (at == null) {
            break;
          }
        }
        Set<String> from = splitIds(Json.text(item, "from"), null);
        Set<String> to = splitIds(Json.text(item, "to"), null);
        if (to != null) {
          for (String id : to) {
            if (from == null || !from.contains(id)) {
              out = add(out, SprintChange.joined(id, at));
            }
          }
        }
        if (from != null) {
          for (String id : from) {
            if (to == null || !to.contains(id)) {
              out = add(out, SprintChange.left(id, at));
            }
          }
        }
      }
    }
    return out == null ? List.of() : out;
  }

  private static List<SprintChange> add(@Nullable List<SprintChange> into, SprintChange change) {
    List<SprintChange> list = into == null ? new ArrayList<>() : into;
    list.add(change);
    return list;
  }

  /** The names of the issue's components ({@code [{"id", "name"}]}), blank ones dropped. */
  private static List<String> components(JsonNode f) {
    JsonNode components = Json.child(f, "components");
    if (components == null || !components.isArray() || components.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(components.size());
    for (JsonNode component : components) {
      String name = Json.text(component, "name");
      if (name != null) {
        String stripped = JiraText.stripNul(name).strip();
        if (!stripped.isEmpty()) {
          out.add(stripped);
        }
      }
    }
    return out;
  }

  List<StatusTransition> transitions(List<JsonNode> histories) {
    List<StatusRow> rows = new ArrayList<>();
    for (JsonNode history : histories) {
      Instant at = JiraText.parseTime(Json.text(history, "created"));
      JsonNode items = Json.child(history, "items");
      if (at == null || items == null) {
        continue;
      }
      for (JsonNode item : items) {
        String field = Json.text(item, "field");
        if ("status".equalsIgnoreCase(field)) {
          String to = Json.text(item, "toString");
          rows.add(new StatusRow(at, JiraText.stripNul(to == null ? "" : to)));
        }
      }
    }
    rows.sort(Comparator.comparing(StatusRow::at)); // stable: same-instant rows keep Jira's order
    List<StatusTransition> out = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      StatusRow row = rows.get(i);
      String category = categoriesByName.get(statuses.keyOf(row.to()));
      out.add(
          new StatusTransition(
              statuses.normalize(row.to(), category),
              row.to(),
              row.at(),
              i + 1 < rows.size() ? rows.get(i + 1).at() : null));
    }
    return out;
  }

  private List<String> sprintIds(JsonNode f, List<JsonNode> histories) {
    // Most issues name no sprint: the set is made only for one that does.
    Set<String> ids = null;
    String sprintField = fields.sprint();
    JsonNode current = sprintField == null ? null : Json.child(f, sprintField);
    if (current != null && current.isArray()) {
      for (JsonNode sprint : current) {
        if (sprint.isObject() && sprint.hasNonNull("id")) {
          ids = add(ids, JiraText.stripNul(sprint.get("id").asText()));
        } else if (sprint.isTextual()) {
          Matcher m = LEGACY_SPRINT_ID.matcher(sprint.asText());
          if (m.find()) {
            ids = add(ids, m.group(1));
          }
        }
      }
    }
    for (JsonNode history : histories) {
      JsonNode items = Json.child(history, "items");
      if (items == null) {
        continue;
      }
      for (JsonNode item : items) {
        if ("sprint".equalsIgnoreCase(Json.text(item, "field"))) {
          ids = splitIds(Json.text(item, "from"), ids);
          ids = splitIds(Json.text(item, "to"), ids);
        }
      }
    }
    return ids == null ? List.of() : List.copyOf(ids);
  }

  private static Set<String> add(@Nullable Set<String> into, String id) {
    Set<String> set = into == null ? new LinkedHashSet<>() : into;
    set.add(id);
    return set;
  }

  private static @Nullable Set<String> splitIds(@Nullable String list, @Nullable Set<String> into) {
    if (list == null) {
      return into;
    }
    Set<String> out = into;
    // A limit of -1 keeps trailing empty parts, which are dropped below like any empty id.
    for (String id : list.split(",", -1)) {
      String s = JiraText.stripNul(id).strip();
      if (!s.isEmpty()) {
        out = add(out, s);
      }
    }
    return out;
  }

  static IssueType type(@Nullable String name) {
    String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
    if (lower.contains("bug")) {
      return IssueType.BUG;
    }
    if (lower.contains("story")) {
      return IssueType.STORY;
    }
    if (lower.contains("epic")) {
      return IssueType.EPIC;
    }
    if (lower.contains("sub")) {
      return IssueType.SUBTASK;
    }
    return IssueType.TASK;
  }

  static String projectKey(String key, String fallback) {
    int dash = key.indexOf('-');
    return dash > 0 ? key.substring(0, dash).toUpperCase(Locale.ROOT) : fallback;
  }

  private static String nonNull(@Nullable String s) {
    return s == null ? "" : s;
  }
}
