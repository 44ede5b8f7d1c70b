package dev.pulse.connectors.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds issue keys such as {@code BG-123} in pull-request titles and branch names, the one place
 * every connector of this module reads them.
 *
 * <p>A key is an upper-case project key of 2 to 10 letters and digits starting with a letter, a
 * dash and a number, standing as a word of its own ({@code feature/BG-12-login} holds {@code
 * BG-12}). Names of standards and algorithms that look like keys ({@code UTF-8}, {@code ISO-8601},
 * {@code SHA-256}, {@code RFC-9110}, {@code CVE-2024}, ...) are not keys. Stateless and
 * thread-safe.
 */
public final class IssueKeys {
  private static final Pattern ISSUE_KEY = Pattern.compile("\\b([A-Z][A-Z0-9]{1,9})-(\\d{1,9})\\b");

  /** Standards, encodings and algorithms whose names look like issue keys. */
  private static final Set<String> NOT_PROJECTS =
      Set.of(
          "UTF", "ISO", "SHA", "RFC", "HTTP", "TLS", "SSL", "CVE", "CWE", "AES", "RSA", "MD", "PEP",
          "JSR", "JEP", "ECMA", "ES", "IEC", "IEEE", "ANSI", "ASCII", "UTC", "GMT", "EC", "HMAC",
          "X86", "BASE", "CRC", "MPEG", "IPV", "OAUTH");

  private IssueKeys() {}

  /**
   * Returns the issue keys in the texts, each once, in the order first seen.
   *
   * @param texts the texts to scan, such as a title and a branch name; null ones are skipped
   * @return the keys, e.g. {@code [BG-12, OPS-7]}
   */
  public static List<String> find(@Nullable String... texts) {
    Set<String> keys = new LinkedHashSet<>();
    for (String text : texts) {
      if (text == null) {
        continue;
      }
      Matcher m = ISSUE_KEY.matcher(text);
      while (m.find()) {
        if (!NOT_PROJECTS.contains(m.group(1))) {
          keys.add(m.group(1) + "-" + m.group(2));
        }
      }
    }
    return new ArrayList<>(keys);
  }

  /**
   * Returns the project keys of the issue keys in a text, each once.
   *
   * @param text the text
   * @return the project keys, e.g. {@code [BG]}
   */
  public static Set<String> projects(String text) {
    Set<String> projects = new LinkedHashSet<>();
    for (String key : find(text)) {
      projects.add(key.substring(0, key.indexOf('-')));
    }
    return projects;
  }
}
