package dev.pulse.internal;

import java.util.List;
import java.util.Locale;

/**
 * Masks the values of secret-named keys in one left-to-right pass: {@code password=...}, {@code
 * "apiKey": "..."}, {@code Authorization: ...}, {@code {cookie=[...]}}, {@code --password ...},
 * YAML block scalars and {@code <password>...</password>}. A key name is read whole (it starts only
 * where the previous character is not a name character), so a long run of name characters is read
 * once; each value is skipped once; the pass is linear.
 */
final class KeyValueMasker {
  /** Name fragments (lower case, without separators) that make any key a secret. */
  private static final List<String> SECRET_PARTS =
      List.of(
          "password",
          "passwd",
          "passphrase",
          "pwd",
          "secret",
          "token",
          "apikey",
          "accesskey",
          "privatekey",
          "signingkey",
          "authkey",
          "credential",
          "sessionid",
          "signature",
          "cookie",
          "authorization");

  /** Whole names that are secrets on their own. */
  private static final List<String> SECRET_NAMES = List.of("auth", "sig");

  /** Whole names that are secrets only as {@code name=value} (query and form parameters). */
  private static final List<String> ASSIGNED_ONLY_NAMES = List.of("key", "pass", "pw", "sid");

  private final String text;
  private final StringBuilder out;
  private int copied;

  private KeyValueMasker(String text) {
    this.text = text;
    this.out = new StringBuilder(text.length());
  }

  static String mask(String text) {
    return new KeyValueMasker(text).run();
  }

  private String run() {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (isNameChar(c) && (i == 0 || !isNameChar(text.charAt(i - 1)))) {
        int end = i;
        while (end < n && isNameChar(text.charAt(end))) {
          end++;
        }
        i = keyValue(i, end);
      } else if (c == '<') {
        i = xmlElement(i);
      } else {
        i++;
      }
    }
    if (copied == 0) {
      return text;
    }
    return out.append(text, copied, n).toString();
  }

  /** Handles the name at [start, end); returns where scanning goes on. */
  private int keyValue(int start, int end) {
    String name = text.substring(start, end);
    boolean cli = name.startsWith("-");
    String normalized = normalize(name);
    boolean assignedOnly = ASSIGNED_ONLY_NAMES.contains(normalized);
    if (!assignedOnly && !isSecretName(normalized)) {
      return end;
    }
    int n = text.length();
    int j = end;
    boolean quotedName = start > 0 && isQuote(text.charAt(start - 1));
    // The closing quote of a quoted name, possibly escaped: "name", \"name\".
    while (j < n && text.charAt(j) == '\\') {
      j++;
    }
    if (j < n && isQuote(text.charAt(j))) {
      quotedName = true;
      j++;
    } else {
      j = end;
    }
    int afterName = j;
    j = skipBlanks(j);
    char separator;
    if (j < n && (text.charAt(j) == ':' || text.charAt(j) == '=')) {
      separator = text.charAt(j);
      j++;
      if (separator == '=' && j < n && text.charAt(j) == '>') {
        j++; // name => value
      }
    } else if (cli && j > afterName && j < n && !isLineBreak(text.charAt(j))) {
      separator = ' ';
    } else {
      return end;
    }
    if (assignedOnly && separator != '=') {
      return end;
    }
    if (separator == ':' && text.startsWith("//", j)) {
      return end; // a URL scheme, not a key
    }
    j = skipBlanks(j);
    if (j >= n || isLineBreak(text.charAt(j))) {
      return separator == ':' ? indentedBlock(start, j, j) : j;
    }
    char first = text.charAt(j);
    if (separator == ':' && (first == '|' || first == '>') && onlyBlockIndicators(j + 1)) {
      return indentedBlock(start, j, lineEnd(j));
    }
    if (first == '\\' || isQuote(first)) {
      return quotedValue(j);
    }
    if (first == '[' || first == '{' || first == '(') {
      return maskRange(j, bracketEnd(j));
    }
    int valueEnd;
    if (cli) {
      valueEnd = until(j, " \t");
    } else if (isQueryParameter(start)) {
      valueEnd = until(j, "&#\"' \t");
    } else if (quotedName) {
      valueEnd = until(j, ",}] \t");
    } else {
      // Prose, headers, properties: a password may hold ";", "," or spaces, so the rest of the
      // line goes.
      valueEnd = lineEnd(j);
    }
    return maskRange(j, valueEnd);
  }

  private static boolean isSecretName(String normalized) {
    if (SECRET_NAMES.contains(normalized)) {
      return true;
    }
    for (String part : SECRET_PARTS) {
      if (normalized.contains(part)) {
        return true;
      }
    }
    return false;
  }

  private static String normalize(String name) {
    StringBuilder out = new StringBuilder(Math.min(name.length(), 256));
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '-' && c != '_' && c != '.') {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  private boolean isQueryParameter(int nameStart) {
    int k = nameStart - 1;
    if (k >= 0 && isQuote(text.charAt(k))) {
      return false;
    }
    return k >= 0 && (text.charAt(k) == '?' || text.charAt(k) == '&');
  }

  /** Masks a quoted value starting at {@code j} (at its opening quote or escaping backslashes). */
  private int quotedValue(int j) {
    int n = text.length();
    int k = j;
    while (k < n && text.charAt(k) == '\\') {
      k++;
    }
    if (k >= n || !isQuote(text.charAt(k))) {
      return maskRange(j, lineEnd(j));
    }
    char quote = text.charAt(k);
    int escapes = k - j;
    int valueStart = k + 1;
    if (escapes > 0) {
      // Escaped JSON inside a string: the value ends at the same escaped quote.
      String closing = text.substring(j, k + 1);
      int close = text.indexOf(closing, valueStart);
      return maskRange(valueStart, close < 0 ? n : close);
    }
    int p = valueStart;
    while (p < n) {
      char c = text.charAt(p);
      if (c == '\\') {
        p += 2;
      } else if (c == quote) {
        return maskRange(valueStart, p);
      } else {
        p++;
      }
    }
    return maskRange(valueStart, n); // unterminated: the rest may be the secret
  }

  /** The end of a bracketed value, past its matching bracket, or the end of the text. */
  private int bracketEnd(int j) {
    char open = text.charAt(j);
    char close = open == '[' ? ']' : open == '{' ? '}' : ')';
    int depth = 0;
    char inQuote = 0;
    for (int p = j; p < text.length(); p++) {
      char c = text.charAt(p);
      if (inQuote != 0) {
        if (c == '\\') {
          p++;
        } else if (c == inQuote) {
          inQuote = 0;
        }
      } else if (c == '"') {
        inQuote = c;
      } else if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return p + 1;
      }
    }
    return text.length();
  }

  /**
   * Masks the lines after a key that are indented deeper than the key's line (a YAML block scalar
   * or nested mapping), plus {@code from..firstLineEnd} on the key's own line.
   */
  private int indentedBlock(int keyStart, int from, int firstLineEnd) {
    int lineStart = keyStart;
    while (lineStart > 0 && !isLineBreak(text.charAt(lineStart - 1))) {
      lineStart--;
    }
    int keyIndent = indent(lineStart);
    int end = firstLineEnd;
    int p = firstLineEnd;
    while (p < text.length()) {
      int next = p;
      while (next < text.length() && isLineBreak(text.charAt(next))) {
        next++;
      }
      if (next >= text.length()) {
        break;
      }
      int lineEnd = lineEnd(next);
      boolean blank = text.substring(next, lineEnd).isBlank();
      if (!blank && indent(next) <= keyIndent) {
        break;
      }
      end = lineEnd;
      p = lineEnd;
    }
    if (end <= from) {
      return from;
    }
    return maskRange(from, end);
  }

  private int indent(int lineStart) {
    int p = lineStart;
    while (p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
      p++;
    }
    return p - lineStart;
  }

  private boolean onlyBlockIndicators(int from) {
    int end = lineEnd(from);
    for (int p = from; p < end; p++) {
      char c = text.charAt(p);
      if (c != '-' && c != '+' && c != ' ' && c != '\t' && !Character.isDigit(c)) {
        return false;
      }
    }
    return true;
  }

  /** Masks the text of {@code <secretName ...>text</...>}; returns where scanning goes on. */
  private int xmlElement(int lt) {
    int n = text.length();
    int nameEnd = lt + 1;
    while (nameEnd < n && isNameChar(text.charAt(nameEnd))) {
      nameEnd++;
    }
    if (nameEnd == lt + 1 || !isSecretName(normalize(text.substring(lt + 1, nameEnd)))) {
      return lt + 1;
    }
    int p = nameEnd;
    while (p < n && text.charAt(p) != '>' && text.charAt(p) != '<') {
      p++;
    }
    if (p >= n || text.charAt(p) == '<' || text.charAt(p - 1) == '/') {
      return p; // no content: unterminated or self-closing tag
    }
    int valueStart = p + 1;
    int close = text.indexOf("</", valueStart);
    return maskRange(valueStart, close < 0 ? n : close);
  }

  private int maskRange(int from, int to) {
    if (to <= from) {
      return Math.max(from, to);
    }
    out.append(text, copied, from).append(Sanitizer.MASK);
    copied = to;
    return to;
  }

  private int skipBlanks(int from) {
    int p = from;
    while (p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
      p++;
    }
    return p;
  }

  private int until(int from, String stops) {
    int p = from;
    while (p < text.length() && stops.indexOf(text.charAt(p)) < 0 && !isLineBreak(text.charAt(p))) {
      p++;
    }
    return p;
  }

  private int lineEnd(int from) {
    int p = from;
    while (p < text.length() && !isLineBreak(text.charAt(p))) {
      p++;
    }
    return p;
  }

  private static boolean isLineBreak(char c) {
    return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085';
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'';
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-'
        || c == '.';
  }
}
