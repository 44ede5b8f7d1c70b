package dev.pulse.connectors.github;

import dev.pulse.model.PullRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A monorepo component: a named part of one repository, made of path globs and/or labels. A pull
 * request of that repository belongs to the component when one of its changed files matches one of
 * the globs or it carries one of the labels; the connector then lists the component's name in
 * {@link PullRequest#components()}. A deployment of the repository likewise names the components
 * whose globs match a path changed since the previous successful deployment of its environment
 * ({@link dev.pulse.model.Deployment#components()}; labels do not apply). Only names leave the
 * connector: changed paths are read to match and then dropped, never stored.
 *
 * <p>Globs match whole repository-relative paths with {@code /} as the separator: {@code *} and
 * {@code ?} stay within one directory, {@code **} crosses directories ({@code services/api/**} is
 * everything below {@code services/api}, {@code **}{@code /*.proto} every proto file), {@code
 * {a,b}} is either. Labels compare without regard to case, as GitHub's do.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the component's name, as teams and reports know it, e.g. {@code payments}
 * @param repository the repository, {@code owner/name}
 * @param paths the path globs, possibly empty
 * @param labels the labels, possibly empty; not both empty
 */
public record Component(String name, String repository, List<String> paths, Set<String> labels) {

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the name is blank, the repository is not {@code
   *     owner/name}, a glob is blank or has an unclosed brace, a label is blank, or both paths and
   *     labels are empty
   */
  public Component {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a component's name must not be blank");
    }
    Objects.requireNonNull(repository, "repository");
    if (!GitHubConnector.REPOSITORY.matcher(repository).matches()) {
      throw new IllegalArgumentException(
          "component " + name + ": repository must be owner/name but was \"" + repository + "\"");
    }
    paths = List.copyOf(paths);
    for (String glob : paths) {
      PathGlob.compile(glob); // fails fast on a bad glob, naming it
    }
    TreeSet<String> lower = new TreeSet<>();
    for (String label : labels) {
      if (label.isBlank()) {
        throw new IllegalArgumentException("component " + name + ": a label must not be blank");
      }
      lower.add(label.toLowerCase(Locale.ROOT));
    }
    labels = Set.copyOf(lower);
    if (paths.isEmpty() && labels.isEmpty()) {
      throw new IllegalArgumentException(
          "component " + name + " of " + repository + " needs at least one path glob or label");
    }
  }

  /**
   * Returns a component matched by path globs only.
   *
   * @param name the component's name
   * @param repository the repository, {@code owner/name}
   * @param globs the path globs, at least one
   * @return the component
   */
  public static Component ofPaths(String name, String repository, String... globs) {
    return new Component(name, repository, List.of(globs), Set.of());
  }

  /**
   * Parses the configuration form {@code name=owner/repo:glob|glob|label:name}, in which each
   * {@code |}-separated part is a path glob unless it starts with {@code label:}.
   *
   * @param text the definition
   * @return the component
   * @throws IllegalArgumentException naming what is wrong when the text does not fit that form
   */
  public static Component parse(String text) {
    int equals = text.indexOf('=');
    int colon = text.indexOf(':', equals + 1);
    if (equals <= 0 || colon < 0) {
      throw new IllegalArgumentException(
          "a component must read name=owner/repo:glob|label:name but was \"" + text + "\"");
    }
    List<String> globs = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (String part : text.substring(colon + 1).split("\\|", -1)) {
      String p = part.strip();
      if (p.startsWith("label:")) {
        labels.add(p.substring("label:".length()).strip());
      } else {
        globs.add(p);
      }
    }
    return new Component(
        text.substring(0, equals).strip(),
        text.substring(equals + 1, colon).strip(),
        globs,
        Set.copyOf(labels));
  }

  /** The compiled matchers of a repository's components; immutable and thread-safe. */
  static final class Matchers {
    private final List<Component> components;
    private final List<List<Pattern>> globs;

    Matchers(Collection<Component> ofOneRepository) {
      this.components = List.copyOf(ofOneRepository);
      List<List<Pattern>> compiled = new ArrayList<>();
      for (Component c : components) {
        compiled.add(c.paths().stream().map(PathGlob::compile).toList());
      }
      this.globs = List.copyOf(compiled);
    }

    boolean isEmpty() {
      return components.isEmpty();
    }

    /** Whether any component of the repository is defined by paths, so files must be read. */
    boolean needsPaths() {
      return globs.stream().anyMatch(g -> !g.isEmpty());
    }

    /** The names of the components the changed paths and labels fall in, sorted. */
    Set<String> match(Iterable<String> changedPaths, Collection<String> labels) {
      TreeSet<String> names = new TreeSet<>();
      Set<String> lowerLabels = new TreeSet<>();
      for (String label : labels) {
        lowerLabels.add(label.toLowerCase(Locale.ROOT));
      }
      for (int i = 0; i < components.size(); i++) {
        Component c = components.get(i);
        if (c.labels().stream().anyMatch(lowerLabels::contains)) {
          names.add(c.name());
        }
      }
      for (String path : changedPaths) {
        for (int i = 0; i < components.size(); i++) {
          if (names.contains(components.get(i).name())) {
            continue;
          }
          for (Pattern glob : globs.get(i)) {
            if (glob.matcher(path).matches()) {
              names.add(components.get(i).name());
              break;
            }
          }
        }
      }
      return names;
    }
  }
}
