package dev.pulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.ErrorCode;
import dev.pulse.config.ConfigProblem;
import dev.pulse.metrics.report.TeamMapping;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The configuration file's optional {@code teams} section: what each team owns beyond the
 * repositories and projects its {@code team=...} labelled pipelines ingested. A team can own a
 * repository, a monorepo component ({@code owner/repo:component}, the names the GitHub connector's
 * {@code components} setting gives), a Jira project or a Jira project's component ({@code
 * PROJECT:component}), each for all time or for a period, so history is not rewritten when
 * ownership changes.
 *
 * <pre>{@code
 * "teams": {
 *   "payments": {
 *     "components": ["acme/mono:payments", {"name": "acme/mono:ledger", "from": "2026-03-01T00:00:00Z"}],
 *     "repositories": ["acme/billing"],
 *     "projects": ["PAY"],
 *     "projectComponents": ["OPS:billing"]
 *   }
 * }
 * }</pre>
 *
 * <p>Immutable.
 */
final class TeamSettings {
  static final TeamSettings NONE = new TeamSettings(List.of());
  private static final Set<String> KINDS =
      Set.of("repositories", "components", "projects", "projectComponents");

  private final List<Owned> owned;

  private TeamSettings(List<Owned> owned) {
    this.owned = List.copyOf(owned);
  }

  /** One thing a team owns, for {@code [from, until)}. */
  private record Owned(
      String team, String kind, String name, @Nullable Instant from, @Nullable Instant until) {
    /** The repository or project of a component's {@code name}. */
    String before() {
      return name.substring(0, name.lastIndexOf(':'));
    }

    /** The component of a component's {@code name}. */
    String component() {
      return name.substring(name.lastIndexOf(':') + 1);
    }
  }

  /**
   * Reads a {@code teams} section, adding every problem at its JSON path.
   *
   * @param node the section, or null when the file has none
   * @param problems where problems go
   * @return the settings, {@link #NONE} when there is no section or it has problems
   */
  static TeamSettings parse(@Nullable JsonNode node, List<ConfigProblem> problems) {
    if (node == null) {
      return NONE;
    }
    if (!node.isObject()) {
      problems.add(problem("$.teams", "must be an object of team names"));
      return NONE;
    }
    int before = problems.size();
    List<Owned> owned = new ArrayList<>();
    for (Map.Entry<String, JsonNode> team : node.properties()) {
      String teamPath = "$.teams." + team.getKey();
      if (team.getKey().isBlank()) {
        problems.add(problem(teamPath, "a team name must not be blank"));
        continue;
      }
      if (!team.getValue().isObject()) {
        problems.add(
            problem(
                teamPath,
                "must be an object with repositories, components, projects or projectComponents"));
        continue;
      }
      for (Map.Entry<String, JsonNode> kind : team.getValue().properties()) {
        String kindPath = teamPath + "." + kind.getKey();
        if (!KINDS.contains(kind.getKey())) {
          problems.add(
              problem(kindPath, "is not a known key; known keys are " + new TreeSet<>(KINDS)));
          continue;
        }
        if (!kind.getValue().isArray()) {
          problems.add(problem(kindPath, "must be an array"));
          continue;
        }
        for (int i = 0; i < kind.getValue().size(); i++) {
          Owned entry =
              entry(
                  team.getKey(),
                  kind.getKey(),
                  kind.getValue().get(i),
                  kindPath + "[" + i + "]",
                  problems);
          if (entry != null) {
            owned.add(entry);
          }
        }
      }
    }
    return problems.size() > before ? NONE : new TeamSettings(owned);
  }

  private static @Nullable Owned entry(
      String team, String kind, JsonNode node, String path, List<ConfigProblem> problems) {
    String name;
    Instant from = null;
    Instant until = null;
    if (node.isTextual()) {
      name = node.asText();
    } else if (node.isObject() && node.path("name").isTextual()) {
      name = node.get("name").asText();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String key = field.getKey();
        if (key.equals("name")) {
          continue;
        }
        if (!key.equals("from") && !key.equals("until")) {
          problems.add(
              problem(path + "." + key, "is not a known key; known keys are [from, name, until]"));
          return null;
        }
        Instant at = instant(field.getValue(), path + "." + key, problems);
        if (at == null) {
          return null;
        }
        if (key.equals("from")) {
          from = at;
        } else {
          until = at;
        }
      }
      if (from != null && until != null && !until.isAfter(from)) {
        problems.add(problem(path + ".until", "must be after from"));
        return null;
      }
    } else {
      problems.add(
          problem(path, "must be a name or an object such as {\"name\": ..., \"from\": ...}"));
      return null;
    }
    if (name.isBlank()) {
      problems.add(problem(path, "must not be blank"));
      return null;
    }
    if (kind.equals("components") || kind.equals("projectComponents")) {
      int cut = name.lastIndexOf(':');
      if (cut <= 0 || cut == name.length() - 1) {
        problems.add(
            problem(
                path,
                kind.equals("components")
                    ? "must be owner/repo:component, e.g. acme/mono:payments"
                    : "must be PROJECT:component, e.g. OPS:billing"));
        return null;
      }
    }
    return new Owned(team, kind, name, from, until);
  }

  private static @Nullable Instant instant(
      JsonNode node, String path, List<ConfigProblem> problems) {
    if (node.isTextual()) {
      try {
        return Instant.parse(node.asText());
      } catch (DateTimeParseException e) {
        // Reported below with the expected form.
      }
    }
    problems.add(problem(path, "must be an instant such as 2026-03-01T00:00:00Z"));
    return null;
  }

  private static ConfigProblem problem(String path, String message) {
    return new ConfigProblem(path, ErrorCode.INVALID_CONFIG, message);
  }

  /** Returns the names of the teams this section mentions. */
  Set<String> teams() {
    Set<String> teams = new TreeSet<>();
    owned.forEach(o -> teams.add(o.team()));
    return teams;
  }

  /**
   * Adds this section's ownership to a mapping.
   *
   * @param mapping the mapping being built
   */
  void addTo(TeamMapping.Builder mapping) {
    for (Owned o : owned) {
      switch (o.kind()) {
        case "repositories" -> mapping.repository(o.team(), o.name(), o.from(), o.until());
        case "projects" -> mapping.project(o.team(), o.name(), o.from(), o.until());
        case "projectComponents" ->
            mapping.projectComponent(o.team(), o.before(), o.component(), o.from(), o.until());
        default -> mapping.component(o.team(), o.before(), o.component(), o.from(), o.until());
      }
    }
  }
}
