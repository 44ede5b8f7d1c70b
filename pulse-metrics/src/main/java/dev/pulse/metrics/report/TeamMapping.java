package dev.pulse.metrics.report;

import dev.pulse.model.Deployment;
import dev.pulse.model.Issue;
import dev.pulse.model.PullRequest;
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
 * Which team owns which repositories, monorepo components and Jira projects, and when: each
 * ownership has a validity period, so a change of ownership does not rewrite history.
 *
 * <p>A record belongs to every team that owned its repository (deployments, pull requests,
 * incidents by their {@code service}) or project (issues) at the record's own time: a deployment's
 * effective time, a pull request's merge (else creation), an issue's creation, an incident's
 * creation. A repository may belong to two teams at once; a record of it then counts in both teams'
 * figures and once in the organisation's.
 *
 * <p><b>Monorepo components.</b> A team may own a component of a repository (a part named by the
 * connector from changed paths and labels, {@link PullRequest#components()}) instead of the whole
 * repository. A pull request then belongs to the teams owning a component it changed, besides the
 * owners of the whole repository. A deployment that names the components it changed since the
 * previous successful deployment of its environment ({@link Deployment#components()}, from the
 * GitHub connector) belongs to the owners of its repository and of those components only, so one
 * that changed files in no component (an empty set) belongs to the repository's owners alone. One
 * whose components are not known (null: no classification, or a redeployment or rollback, whose
 * changes the source does not list) and an incident of the repository belong to every team owning
 * the repository or any of its components, because a monorepo deployment ships every component in
 * it. So a component team's lead time is its own pull requests', and its deployment frequency and
 * failure rate those of the deployments that changed its component; its failures keep the recovery
 * they have among all the repository's deployments of the environment.
 *
 * <p><b>Project components.</b> Likewise a team may own a component of a Jira project ({@link
 * Issue#components()}): an issue belongs to the owners of its project and to the owners of every
 * component it names, at its creation, and counts once in a team owning both.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()}; {@link #none()} maps nothing.
 */
public final class TeamMapping {
  /** Between a repository and a component's name in a component's key; in neither name. */
  private static final char SEPARATOR = '\u0000';

  private static final TeamMapping NONE = new TeamMapping(Map.of(), Map.of(), Map.of(), Map.of());

  private final Map<String, List<Ownership>> byRepository;
  private final Map<String, List<Ownership>> byProject;

  /** Keyed by {@link #componentKey}; every ownership of a component, by its repository too. */
  private final Map<String, List<Ownership>> byComponent;

  private final Map<String, List<Ownership>> componentsByRepository;

  /** Keyed by {@link #componentKey} of a project key and a component's name. */
  private final Map<String, List<Ownership>> byProjectComponent;

  private final Set<String> teams;

  private TeamMapping(
      Map<String, List<Ownership>> byRepository,
      Map<String, List<Ownership>> byProject,
      Map<String, List<Ownership>> byComponent,
      Map<String, List<Ownership>> byProjectComponent) {
    this.byRepository = byRepository;
    this.byProject = byProject;
    this.byComponent = byComponent;
    this.byProjectComponent = byProjectComponent;
    Map<String, List<Ownership>> ofRepository = new HashMap<>();
    byComponent.forEach(
        (key, list) ->
            ofRepository
                .computeIfAbsent(key.substring(0, key.indexOf(SEPARATOR)), k -> new ArrayList<>())
                .addAll(list));
    this.componentsByRepository = Builder.copy(ofRepository);
    Set<String> all = new TreeSet<>();
    byRepository.values().forEach(list -> list.forEach(o -> all.add(o.team)));
    byProject.values().forEach(list -> list.forEach(o -> all.add(o.team)));
    byComponent.values().forEach(list -> list.forEach(o -> all.add(o.team)));
    byProjectComponent.values().forEach(list -> list.forEach(o -> all.add(o.team)));
    this.teams = Collections.unmodifiableSet(all);
  }

  private static String componentKey(String repository, String component) {
    return repository + SEPARATOR + component;
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
   * Returns the teams that owned a component of a repository at an instant.
   *
   * @param repository the repository
   * @param component the component's name
   * @param at the record's time
   * @return team names, sorted; empty when none
   */
  public Set<String> teamsOfComponent(String repository, String component, Instant at) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(component, "component");
    return owners(byComponent, componentKey(repository, component), at);
  }

  /**
   * Returns the teams a pull request belongs to: the owners of its repository and of every
   * component it changed, at the given instant (its merge, else its creation, in the report).
   *
   * @param pullRequest the pull request
   * @param at the record's time
   * @return team names, sorted; empty when none
   */
  public Set<String> teamsOfPullRequest(PullRequest pullRequest, Instant at) {
    Objects.requireNonNull(at, "at");
    Set<String> out = new TreeSet<>();
    forEachPullRequestOwner(pullRequest, at, out::add);
    return Collections.unmodifiableSet(out);
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

  /**
   * Returns the teams that owned a component of a Jira project at an instant.
   *
   * @param projectKey the project key
   * @param component the component's name
   * @param at the record's time
   * @return team names, sorted; empty when none
   */
  public Set<String> teamsOfProjectComponent(String projectKey, String component, Instant at) {
    Objects.requireNonNull(projectKey, "projectKey");
    Objects.requireNonNull(component, "component");
    return owners(byProjectComponent, componentKey(projectKey, component), at);
  }

  /**
   * Returns the teams an issue belongs to: the owners of its project and of every component it
   * names, at the given instant (its creation, in the report).
   *
   * @param issue the issue
   * @param at the record's time
   * @return team names, sorted; empty when none
   */
  public Set<String> teamsOfIssue(Issue issue, Instant at) {
    Objects.requireNonNull(at, "at");
    Set<String> out = new TreeSet<>();
    forEachIssueOwner(issue, at, out::add);
    return Collections.unmodifiableSet(out);
  }

  /**
   * Calls {@code action} once for each team owning a deployment's or incident's repository at
   * {@code at}: the whole repository's owners and the owners of any component in it.
   */
  void forEachRepositoryOwner(String repository, Instant at, Consumer<String> action) {
    List<String> given = forEachOwner(byRepository, repository, at, action, null);
    forEachOwner(componentsByRepository, repository, at, action, given);
  }

  /**
   * Returns the teams a deployment belongs to at an instant (its effective time, in the report):
   * when it names the components it changed ({@link Deployment#components()}), the owners of its
   * repository and of those components (only the repository's when the set is empty); when they are
   * not known (null: the whole repository), every team owning its repository or any component of
   * it.
   *
   * @param deployment the deployment
   * @param at the record's time
   * @return team names, sorted; empty when none
   */
  public Set<String> teamsOfDeployment(Deployment deployment, Instant at) {
    Objects.requireNonNull(at, "at");
    Set<String> out = new TreeSet<>();
    forEachDeploymentOwner(deployment, at, out::add);
    return Collections.unmodifiableSet(out);
  }

  /** Calls {@code action} once for each team a deployment belongs to at {@code at}. */
  void forEachDeploymentOwner(Deployment d, Instant at, Consumer<String> action) {
    Set<String> components = d.components();
    if (components == null) {
      forEachRepositoryOwner(d.repository(), at, action);
      return;
    }
    List<String> given = forEachOwner(byRepository, d.repository(), at, action, null);
    for (String component : components) {
      given = forEachOwner(byComponent, componentKey(d.repository(), component), at, action, given);
    }
  }

  /** Whether the deployment belonged to the team at {@code at}. */
  boolean ownsDeployment(String team, Deployment d, Instant at) {
    Set<String> components = d.components();
    if (components == null) {
      return ownsRepository(team, d.repository(), at);
    }
    if (owns(byRepository, team, d.repository(), at)) {
      return true;
    }
    for (String component : components) {
      if (owns(byComponent, team, componentKey(d.repository(), component), at)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the team owns a component of one of {@code repositories} without owning that whole
   * repository at every instant: the deployments that name their components then give it only some
   * of the repository's deployments.
   */
  boolean ownsPartOf(String team, Set<String> repositories) {
    for (String repository : repositories) {
      List<Ownership> parts = componentsByRepository.get(repository);
      if (parts == null || parts.stream().noneMatch(o -> o.team.equals(team))) {
        continue;
      }
      List<Ownership> whole = byRepository.get(repository);
      if (whole == null
          || whole.stream()
              .noneMatch(o -> o.team.equals(team) && o.from == null && o.until == null)) {
        return true;
      }
    }
    return false;
  }

  /** Calls {@code action} once for each team a pull request belongs to at {@code at}. */
  void forEachPullRequestOwner(PullRequest pr, Instant at, Consumer<String> action) {
    if (byComponent.isEmpty()) {
      forEachOwner(byRepository, pr.repository(), at, action);
      return;
    }
    List<String> given = forEachOwner(byRepository, pr.repository(), at, action, null);
    if (!byComponent.isEmpty()) {
      for (String component : pr.components()) {
        given =
            forEachOwner(byComponent, componentKey(pr.repository(), component), at, action, given);
      }
    }
  }

  /** Calls {@code action} once for each team an issue belongs to at {@code at}. */
  void forEachIssueOwner(Issue issue, Instant at, Consumer<String> action) {
    if (byProjectComponent.isEmpty() || issue.components().isEmpty()) {
      forEachOwner(byProject, issue.projectKey(), at, action);
      return;
    }
    List<String> given = forEachOwner(byProject, issue.projectKey(), at, action, null);
    for (String component : issue.components()) {
      given =
          forEachOwner(
              byProjectComponent, componentKey(issue.projectKey(), component), at, action, given);
    }
  }

  /**
   * Calls {@code action} once for each owner of {@code name} at {@code at}, without keeping the
   * teams given when a single ownership leaves nothing to deduplicate (the usual case).
   */
  private static void forEachOwner(
      Map<String, List<Ownership>> map, String name, Instant at, Consumer<String> action) {
    List<Ownership> list = map.get(name);
    if (list != null && list.size() == 1) {
      Ownership o = list.get(0);
      if (o.covers(at)) {
        action.accept(o.team);
      }
      return;
    }
    forEachOwner(map, name, at, action, null);
  }

  /**
   * Calls {@code action} for each owner of {@code name} at {@code at} not in {@code given}, and
   * returns {@code given} with them added (null while no team was given).
   */
  private static @Nullable List<String> forEachOwner(
      Map<String, List<Ownership>> map,
      String name,
      Instant at,
      Consumer<String> action,
      @Nullable List<String> given) {
    List<Ownership> list = map.get(name);
    if (list == null) {
      return given;
    }
    // a team listed twice for overlapping periods, or owning the repository and a component of
    // it, must still get the record once
    for (Ownership o : list) {
      if (o.covers(at) && (given == null || !given.contains(o.team))) {
        action.accept(o.team);
        if (given == null) {
          given = new ArrayList<>(2);
        }
        given.add(o.team);
      }
    }
    return given;
  }

  /**
   * Returns the repositories a team owns at every instant, wholly or through a component (either
   * gives it the repository's deployments), or null when it owns one for a period only (its records
   * must then be assigned one by one, by their time).
   */
  @Nullable Set<String> repositoriesOwnedThroughout(String team) {
    Set<String> always = new HashSet<>();
    Set<String> forPeriod = new HashSet<>();
    for (Map<String, List<Ownership>> owned : List.of(byRepository, componentsByRepository)) {
      for (Map.Entry<String, List<Ownership>> e : owned.entrySet()) {
        for (Ownership o : e.getValue()) {
          if (o.team.equals(team)) {
            (o.from == null && o.until == null ? always : forPeriod).add(e.getKey());
          }
        }
      }
    }
    forPeriod.removeAll(always);
    return forPeriod.isEmpty() ? always : null;
  }

  /**
   * Whether a team owns a component of a project: an issue naming a component may then gain one.
   */
  boolean ownsProjectComponents() {
    return !byProjectComponent.isEmpty();
  }

  /**
   * Whether the owners of a project are the same at every instant (no ownership of it has a
   * period), so that its issues naming no owned component all belong to the same teams.
   */
  boolean projectOwnedThroughout(String projectKey) {
    List<Ownership> list = byProject.get(projectKey);
    if (list != null) {
      for (Ownership o : list) {
        if (o.from != null || o.until != null) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether the team owned the repository, or a component of it, at {@code at}. */
  boolean ownsRepository(String team, String repository, Instant at) {
    return owns(byRepository, team, repository, at)
        || owns(componentsByRepository, team, repository, at);
  }

  /** Whether the pull request belonged to the team at {@code at}. */
  boolean ownsPullRequest(String team, PullRequest pr, Instant at) {
    if (owns(byRepository, team, pr.repository(), at)) {
      return true;
    }
    for (String component : pr.components()) {
      if (owns(byComponent, team, componentKey(pr.repository(), component), at)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the issue belonged to the team at {@code at}. */
  boolean ownsIssue(String team, Issue issue, Instant at) {
    if (owns(byProject, team, issue.projectKey(), at)) {
      return true;
    }
    if (!byProjectComponent.isEmpty()) {
      for (String component : issue.components()) {
        if (owns(byProjectComponent, team, componentKey(issue.projectKey(), component), at)) {
          return true;
        }
      }
    }
    return false;
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
    private final Map<String, List<Ownership>> byComponent = new HashMap<>();
    private final Map<String, List<Ownership>> byProjectComponent = new HashMap<>();

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
     * Maps a monorepo component (a part of a repository, named by the connector) to a team for all
     * time.
     *
     * @param team the team, not blank
     * @param repository the repository, not blank
     * @param component the component's name, not blank
     * @return this builder
     * @throws IllegalArgumentException if a name is blank
     */
    public Builder component(String team, String repository, String component) {
      return component(team, repository, component, null, null);
    }

    /**
     * Maps a monorepo component to a team during {@code [from, until)}.
     *
     * @param team the team, not blank
     * @param repository the repository, not blank
     * @param component the component's name, not blank
     * @param from the first instant of ownership, or null for always before
     * @param until the first instant after ownership, or null for still owned
     * @return this builder
     * @throws IllegalArgumentException if a name is blank or {@code until} is not after {@code
     *     from}
     */
    public Builder component(
        String team,
        String repository,
        String component,
        @Nullable Instant from,
        @Nullable Instant until) {
      Checks.requireText(repository, "repository");
      Checks.requireText(component, "component");
      add(byComponent, team, "component", componentKey(repository, component), from, until);
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

    /**
     * Maps a component of a Jira project (an issue's {@link Issue#components()}) to a team for all
     * time.
     *
     * @param team the team, not blank
     * @param projectKey the project key, not blank
     * @param component the component's name, not blank
     * @return this builder
     * @throws IllegalArgumentException if a name is blank
     */
    public Builder projectComponent(String team, String projectKey, String component) {
      return projectComponent(team, projectKey, component, null, null);
    }

    /**
     * Maps a component of a Jira project to a team during {@code [from, until)}.
     *
     * @param team the team, not blank
     * @param projectKey the project key, not blank
     * @param component the component's name, not blank
     * @param from the first instant of ownership, or null for always before
     * @param until the first instant after ownership, or null for still owned
     * @return this builder
     * @throws IllegalArgumentException if a name is blank or {@code until} is not after {@code
     *     from}
     */
    public Builder projectComponent(
        String team,
        String projectKey,
        String component,
        @Nullable Instant from,
        @Nullable Instant until) {
      Checks.requireText(projectKey, "projectKey");
      Checks.requireText(component, "component");
      add(byProjectComponent, team, "component", componentKey(projectKey, component), from, until);
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
      return new TeamMapping(
          copy(byRepository), copy(byProject), copy(byComponent), copy(byProjectComponent));
    }

    private static Map<String, List<Ownership>> copy(Map<String, List<Ownership>> map) {
      Map<String, List<Ownership>> out = new HashMap<>();
      map.forEach((k, v) -> out.put(k, List.copyOf(v)));
      return Collections.unmodifiableMap(out);
    }
  }
}
