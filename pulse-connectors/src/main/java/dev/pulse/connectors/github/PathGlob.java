package dev.pulse.connectors.github;

import java.util.regex.Pattern;

/**
 * Compiles a repository path glob to a regular expression. Written here rather than taken from
 * {@link java.nio.file.FileSystem#getPathMatcher} because that one follows the platform's separator
 * and case rules, while repository paths always use {@code /} and are case-sensitive.
 *
 * <p>{@code **} matches any characters including {@code /} (and {@code **}{@code /} also matches
 * nothing, so {@code **}{@code /x} matches a top-level {@code x}); {@code *} any characters but
 * {@code /}; {@code ?} one character but {@code /}; {@code {a,b}} either alternative (not nested);
 * every other character itself. Stateless.
 */
final class PathGlob {
  private PathGlob() {}

  /**
   * Compiles a glob.
   *
   * @throws IllegalArgumentException if the glob is blank, has an unclosed or nested brace
   */
  static Pattern compile(String glob) {
    if (glob.isBlank()) {
      throw new IllegalArgumentException("a path glob must not be blank");
    }
    StringBuilder regex = new StringBuilder();
    boolean inGroup = false;
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          if (i + 2 < glob.length() && glob.charAt(i + 2) == '/') {
            regex.append("(?:.*/)?");
            i += 3;
          } else {
            regex.append(".*");
            i += 2;
          }
          continue;
        }
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else if (c == '{') {
        if (inGroup) {
          throw new IllegalArgumentException("nested { in path glob \"" + glob + "\"");
        }
        inGroup = true;
        regex.append("(?:");
      } else if (c == '}' && inGroup) {
        inGroup = false;
        regex.append(')');
      } else if (c == ',' && inGroup) {
        regex.append('|');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
      i++;
    }
    if (inGroup) {
      throw new IllegalArgumentException("unclosed { in path glob \"" + glob + "\"");
    }
    return Pattern.compile(regex.toString());
  }
}
