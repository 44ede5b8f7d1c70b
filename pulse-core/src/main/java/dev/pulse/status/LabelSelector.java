package dev.pulse.status;

import dev.pulse.InvalidConfigException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A label selector with AND semantics: {@code team=core,env} matches labels that have {@code team}
 * equal to {@code core} and have an {@code env} label with any value.
 *
 * <p>Requirements are separated by commas; each is {@code key} (the label exists) or {@code
 * key=value} (the label has exactly that value). Keys are 1 to 63 characters of {@code
 * [A-Za-z0-9_.-/]} starting with a letter or digit; values are up to 63 characters of {@code
 * [A-Za-z0-9_.-]}, possibly empty. The empty selector matches everything. Immutable.
 */
public final class LabelSelector {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./-]{0,62}");
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.-]{0,63}");
  private static final LabelSelector ALL = new LabelSelector(List.of());

  private final List<Requirement> requirements;

  private LabelSelector(List<Requirement> requirements) {
    this.requirements = List.copyOf(requirements);
  }

  /**
   * Returns the selector that matches everything.
   *
   * @return the empty selector
   */
  public static LabelSelector all() {
    return ALL;
  }

  /**
   * Parses a selector.
   *
   * @param text e.g. {@code team=core,env}; blank for all
   * @return the selector
   * @throws InvalidConfigException listing every malformed requirement ({@code INVALID_CONFIG})
   */
  public static LabelSelector parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      return ALL;
    }
    List<Requirement> requirements = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String requirement = part.strip();
      int eq = requirement.indexOf('=');
      String key = eq < 0 ? requirement : requirement.substring(0, eq).strip();
      String value = eq < 0 ? null : requirement.substring(eq + 1).strip();
      if (!KEY.matcher(key).matches()) {
        problems.add("label selector key \"" + key + "\" must match " + KEY.pattern());
      } else if (value != null && !VALUE.matcher(value).matches()) {
        problems.add("label selector value \"" + value + "\" must match " + VALUE.pattern());
      } else {
        requirements.add(new Requirement(key, value));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return new LabelSelector(requirements);
  }

  /**
   * Checks a label key.
   *
   * @param key the key
   * @return the key
   * @throws IllegalArgumentException if malformed
   */
  public static String requireKey(String key) {
    Objects.requireNonNull(key, "key");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "label key must match " + KEY.pattern() + " but was \"" + key + "\"");
    }
    return key;
  }

  /**
   * Checks a label value.
   *
   * @param value the value
   * @return the value
   * @throws IllegalArgumentException if malformed
   */
  public static String requireValue(String value) {
    Objects.requireNonNull(value, "value");
    if (!VALUE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "label value must match " + VALUE.pattern() + " but was \"" + value + "\"");
    }
    return value;
  }

  /**
   * Tells whether labels satisfy every requirement.
   *
   * @param labels the labels
   * @return true when all requirements hold (always for the empty selector)
   */
  public boolean matches(Map<String, String> labels) {
    Objects.requireNonNull(labels, "labels");
    for (Requirement requirement : requirements) {
      String actual = labels.get(requirement.key);
      if (actual == null || (requirement.value != null && !requirement.value.equals(actual))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Keeps the elements whose labels match, in order.
   *
   * @param elements e.g. pipelines
   * @param labelsOf gives an element's labels
   * @param <E> the element type
   * @return the matching elements
   */
  public <E> List<E> filter(
      Collection<? extends E> elements, Function<? super E, Map<String, String>> labelsOf) {
    List<E> out = new ArrayList<>();
    for (E element : elements) {
      if (matches(labelsOf.apply(element))) {
        out.add(element);
      }
    }
    return List.copyOf(out);
  }

  /** Returns the canonical form, which {@link #parse} reads back. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    for (Requirement r : requirements) {
      parts.add(r.value == null ? r.key : r.key + "=" + r.value);
    }
    return String.join(",", parts);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof LabelSelector that && requirements.equals(that.requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode();
  }

  private record Requirement(String key, @Nullable String value) {}
}
