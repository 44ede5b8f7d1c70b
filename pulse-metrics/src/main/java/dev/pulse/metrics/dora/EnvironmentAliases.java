package dev.pulse.metrics.dora;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Maps the environment names that sources use onto canonical names, so that {@code prod} and {@code
 * production} of one repository are paired and counted as one environment.
 *
 * <p>Normalization trims the name and lower-cases it ({@link Locale#ROOT}); the result is then
 * looked up in the alias table and replaced by its canonical name when found. Names without an
 * alias stay as trimmed lower case. The defaults map {@code prod} to {@code production}. Immutable
 * and thread-safe.
 */
public final class EnvironmentAliases {

  private static final EnvironmentAliases DEFAULTS = of(Map.of("prod", "production"));
  private static final EnvironmentAliases NONE = of(Map.of());

  private final Map<String, String> aliases;

  private EnvironmentAliases(Map<String, String> aliases) {
    this.aliases = aliases;
  }

  /**
   * Returns the default aliases.
   *
   * @return {@code prod -> production}
   */
  public static EnvironmentAliases defaults() {
    return DEFAULTS;
  }

  /**
   * Returns aliases that only trim and lower-case.
   *
   * @return an empty alias table
   */
  public static EnvironmentAliases none() {
    return NONE;
  }

  /**
   * Returns aliases from a table of alias to canonical name; both sides are trimmed and
   * lower-cased.
   *
   * @param aliasToCanonical the table, e.g. {@code {"prd": "production", "prod": "production"}}
   * @return the aliases
   * @throws IllegalArgumentException if a name is blank, two aliases differ only in case or spaces
   *     but map to different names, or a canonical name is itself an alias of another name (chains
   *     are ambiguous)
   */
  public static EnvironmentAliases of(Map<String, String> aliasToCanonical) {
    Objects.requireNonNull(aliasToCanonical, "aliasToCanonical");
    Map<String, String> table = new HashMap<>();
    aliasToCanonical.forEach(
        (alias, canonical) -> {
          String a = key(alias, "alias");
          String c = key(canonical, "canonical name of alias '" + alias + "'");
          String previous = table.put(a, c);
          if (previous != null && !previous.equals(c)) {
            throw new IllegalArgumentException(
                "alias '" + a + "' maps to both '" + previous + "' and '" + c + "'");
          }
        });
    table.forEach(
        (alias, canonical) -> {
          String next = table.get(canonical);
          if (next != null && !next.equals(canonical)) {
            throw new IllegalArgumentException(
                "canonical name '"
                    + canonical
                    + "' of alias '"
                    + alias
                    + "' is itself an alias of '"
                    + next
                    + "'");
          }
        });
    return new EnvironmentAliases(Map.copyOf(table));
  }

  private static String key(String name, String what) {
    Objects.requireNonNull(name, what);
    String k = name.trim().toLowerCase(Locale.ROOT);
    if (k.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be blank but was '" + name + "'");
    }
    return k;
  }

  /**
   * Returns the canonical name of an environment.
   *
   * @param environment the name as the source gives it
   * @return the trimmed, lower-cased name, replaced by its canonical name when it is an alias
   */
  public String normalize(String environment) {
    String k = environment.trim().toLowerCase(Locale.ROOT);
    return aliases.getOrDefault(k, k);
  }

  /**
   * Returns the alias table.
   *
   * @return alias to canonical name, both trimmed and lower case
   */
  public Map<String, String> asMap() {
    return aliases;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof EnvironmentAliases other && aliases.equals(other.aliases);
  }

  @Override
  public int hashCode() {
    return aliases.hashCode();
  }

  @Override
  public String toString() {
    return "EnvironmentAliases" + aliases;
  }
}
