package dev.pulse.connectors.jenkins;

import dev.pulse.connectors.internal.Json;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * An ordered list of name patterns that each capture an environment: the group named {@code env}
 * when the pattern declares one, else its first group. The first pattern that finds a non-blank
 * environment in a name wins. Immutable.
 */
final class EnvironmentPatterns {
  private final List<Pattern> patterns;

  private EnvironmentPatterns(List<Pattern> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  /**
   * Compiles patterns, naming the parameter and the bad pattern in the error.
   *
   * @throws IllegalArgumentException if a pattern does not compile or captures nothing
   */
  static EnvironmentPatterns compile(List<String> regexes, String parameter) {
    if (regexes.isEmpty()) {
      throw new IllegalArgumentException(parameter + " must name at least one pattern");
    }
    List<Pattern> compiled = regexes.stream().map(regex -> compileOne(regex, parameter)).toList();
    return new EnvironmentPatterns(compiled);
  }

  static Pattern compileOne(String regex, String parameter) {
    if (java.util.Objects.requireNonNull(regex, parameter).isBlank()) {
      throw new IllegalArgumentException(parameter + " must not be blank");
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          parameter
              + " must be a regular expression but was \""
              + regex
              + "\": "
              + e.getDescription(),
          e);
    }
    if (pattern.matcher("").groupCount() < 1) {
      throw new IllegalArgumentException(
          parameter
              + " must capture the environment in a group (named env, or the first group) but was \""
              + regex
              + "\"");
    }
    return pattern;
  }

  /** Returns the environment a name carries, or null when no pattern finds one. */
  @Nullable String environmentOf(String name) {
    String clean = Json.stripNul(name);
    for (Pattern pattern : patterns) {
      Matcher m = pattern.matcher(clean);
      if (m.find()) {
        String env = group(pattern, m);
        if (env != null && !env.isBlank()) {
          return env.strip();
        }
      }
    }
    return null;
  }

  private static @Nullable String group(Pattern pattern, Matcher m) {
    if (pattern.pattern().contains("(?<env>")) {
      return m.group("env");
    }
    return m.group(1);
  }

  List<String> regexes() {
    return patterns.stream().map(Pattern::pattern).toList();
  }

  @Override
  public String toString() {
    return regexes().toString();
  }
}
