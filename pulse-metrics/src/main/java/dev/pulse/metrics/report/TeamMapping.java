package dev.pulse.metrics.report;

import dev.pulse.model.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Which team owns which repositories and Jira projects, and when: each ownership has a validity
 * period, so a change of ownership does not rewrite history.
 *
 * <p>A record belongs to every team that owned its repository (deployments, pull requests,
 * incidents by their {@code service}) or project (issues) at the record's own time: a deployment's
 * effective time, a pull request's merge (else creation), an issue's creation, an incident's
 * creation. A repository may belong to two teams at once; a record of it then counts in both teams'
 * figures and once in the organisation's.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()}; {@link #none()} maps nothing.
 */
public final class TeamMapping {
  private static final TeamMapping NONE = new TeamMapping(Map.of(), Map.of());

  private final Map<String, List<Ownership>> byRepository;
  private final Map<String, List<Ownership>> byProject;
  private final Set<String> teams;

  private TeamMapping(
      Map<String, List<Ownership>> byRepository, Map<String, List<Ownership>> byProject) {
    this.byRepository = byRepository;
    this.byProject = byProject;
    Set<String> all = new TreeSet<>();
    byRepository.values().forEach(list -> list.forEach(o -> all.add(o.team)));
    byProject.values().forEach(list -> list.forEach(o -> all.add(o.team)));
    this.teams = Collections.unmodifiableSet(all);
  }

  /**
   * Returns the mapping that maps nothing.
   *
   * @return the empty mapping
   */
  public static TeamMapping none() {
    return NONE;
  }

  /**
   * Returns a new builder.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns every team named by the mapping.
   *
   * @return team names, sorted, unmodifiable
   */
  public Set<String> teams() {
    return teams;
  }

  /**
   * Returns the teams that owned a repository at an instant.
   *
   * @param repository the repository
   * @param at the record's time
   * @return team names, sorted; empty when none
   */
  public Set<String> teamsOfRepository(String repository, Instant at) {
    return owners(byRepository, repository, at);
  }

  /**
   * Returns the teams that owned a project at an instant.
   *
   * @param projectKey the project key
   * @param at the record's time
   * @return team names, sorted; empty when none
   */
  public Set<String> teamsOfProject(String projectKey, Instant at) {
    return owners(byProject, projectKey, at);
  }

  void forEachRepositoryOwner(String repository, Instant at, Consumer<String> action) {
    forEachOwner(byRepository, repository, at, action);
  }

  void forEachProjectOwner(String projectKey, Instant at, Consumer<String> action) {
    forEachOwner(byProject, projectKey, at, action);
  }

  private static void forEachOwner(
      Map<String, List<Ownership>> map, String name, Instant at, Consumer<String> action) {
    List<Ownership> list = map.get(name);
    if (list == null) {
      return;
    }
    // a team listed twice for overlapping periods must still get the record once
    List<String> given = null;
    for (Ownership o : list) {
      if (o.covers(at) && (given == null || !given.contains(o.team))) {
        action.accept(o.team);
        if (given == null) {
          given = new ArrayList<>(2);
        }
        given.add(o.team);
      }
    }
  }

  /**
   * Returns the repositories a team owns at every instant, or null when it owns one for a period
   * only (its records must then be assigned one by one, by their time).
   */
  @Nullable Set<String> repositoriesOwnedThroughout(String team) {
    Set<String> always = new HashSet<>();
    Set<String> forPeriod = new HashSet<>();
    for (Map.Entry<String, List<Ownership>> e : byRepository.entrySet()) {
      for (Ownership o : e.getValue()) {
        if (o.team.equals(team)) {
          (o.from == null && o.until == null ? always : forPeriod).add(e.getKey());
        }
      }
    }
    forPeriod.removeAll(always);
    return forPeriod.isEmpty() ? always : null;
  }

  boolean ownsRepository(String team, String repository, Instant at) {
    return owns(byRepository, team, repository, at);
  }

  boolean ownsProject(String team, String projectKey, Instant at) {
    return owns(byProject, team, projectKey, at);
  }

  private static boolean owns(
      Map<String, List<Ownership>> map, String team, String name, Instant at) {
    List<Ownership> list = map.get(name);
    if (list != null) {
      for (Ownership o : list) {
        if (o.team.equals(team) && o.covers(at)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Set<String> owners(Map<String, List<Ownership>> map, String name, Instant at) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(at, "at");
    List<Ownership> list = map.get(name);
    if (list == null) {
      return Set.of();
    }
    Set<String> out = new TreeSet<>();
    for (Ownership o : list) {
      if (o.covers(at)) {
        out.add(o.team);
      }
    }
    return Collections.unmodifiableSet(out);
  }

  @Override
  public String toString() {
    return "TeamMapping{teams=" + teams + "}";
  }

  /** One ownership: {@code team} owned the name during {@code [from, until)}. */
  private record Ownership(String team, @Nullable Instant from, @Nullable Instant until) {
    boolean covers(Instant at) {
      return (from == null || !at.isBefore(from)) && (until == null || at.isBefore(until));
    }
  }

  /**
   * Builds a {@link TeamMapping}; not thread-safe, {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private final Map<String, List<Ownership>> byRepository = new HashMap<>();
    private final Map<String, List<Ownership>> byProject = new HashMap<>();

    private Builder() {}

    /**
     * Maps a repository to a team for all time.
     *
     * @param team the team, not blank
     * @param repository the repository, not blank
     * @return this builder
     * @throws IllegalArgumentException if a name is blank
     */
    public Builder repository(String team, String repository) {
      return repository(team, repository, null, null);
    }

    /**
     * Maps a repository to a team during {@code [from, until)}.
     *
     * @param team the team, not blank
     * @param repository the repository, not blank
     * @param from the first instant of ownership, or null for always before
     * @param until the first instant after ownership, or null for still owned
     * @return this builder
     * @throws IllegalArgumentException if a name is blank or {@code until} is not after {@code
     *     from}
     */
    public Builder repository(
        String team, String repository, @Nullable Instant from, @Nullable Instant until) {
      add(byRepository, team, "repository", repository, from, until);
      return this;
    }

    /**
     * Maps a Jira project to a team for all time.
     *
     * @param team the team, not blank
     * @param projectKey the project key, not blank
     * @return this builder
     * @throws IllegalArgumentException if a name is blank
     */
    public Builder project(String team, String projectKey) {
      return project(team, projectKey, null, null);
    }

    /**
     * Maps a Jira project to a team during {@code [from, until)}.
     *
     * @param team the team, not blank
     * @param projectKey the project key, not blank
     * @param from the first instant of ownership, or null for always before
     * @param until the first instant after ownership, or null for still owned
     * @return this builder
     * @throws IllegalArgumentException if a name is blank or {@code until} is not after {@code
     *     from}
     */
    public Builder project(
        String team, String projectKey, @Nullable Instant from, @Nullable Instant until) {
      add(byProject, team, "projectKey", projectKey, from, until);
      return this;
    }

    private static void add(
        Map<String, List<Ownership>> map,
        String team,
        String kind,
        String name,
        @Nullable Instant from,
        @Nullable Instant until) {
      Checks.requireText(team, "team");
      Checks.requireText(name, kind);
      if (from != null && until != null && !until.isAfter(from)) {
        throw new IllegalArgumentException(
            "until must be after from but was [" + from + ", " + until + ") for " + name);
      }
      map.computeIfAbsent(name, k -> new ArrayList<>()).add(new Ownership(team, from, until));
    }

    /**
     * Builds the mapping.
     *
     * @return an immutable mapping
     */
    public TeamMapping build() {
      return new TeamMapping(copy(byRepository), copy(byProject));
    }

    private static Map<String, List<Ownership>> copy(Map<String, List<Ownership>> map) {
      Map<String, List<Ownership>> out = new HashMap<>();
      map.forEach((k, v) -> out.put(k, List.copyOf(v)));
      return Collections.unmodifiableMap(out);
    }
  }
}
