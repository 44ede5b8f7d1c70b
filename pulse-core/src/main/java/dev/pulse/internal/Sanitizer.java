package dev.pulse.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one sanitizer for every message that leaves Pulse (logs, reports, status, dead letters,
 * progress): secrets masked, line breaks flattened, control and format characters escaped, length
 * capped.
 *
 * <p>Runs in time linear in {@code min(input length, 4 * maxLength + 1024)}: the input is cut
 * before any matching, every pattern starts only at the start of a run of its characters and
 * consumes that run possessively, and the key-value scan is a single hand-written pass. What is
 * masked and what no sanitizer can promise is described in {@code docs/security.md}.
 *
 * <p>Thread-safe and stateless apart from the {@link Secrets} registry it consults.
 */
public final class Sanitizer {
  /** What a masked secret is replaced by. */
  public static final String MASK = "***";

  private static final int MIN_WINDOW = 1024;

  // What escapeControls does with one character.
  private static final int KEEP = 0;
  private static final int SPACE = 1;
  private static final int ESCAPE = 2;

  // Double (or triple) percent-encoding hides "=" as %253D: peel %25 layers before looking.
  private static final Pattern PERCENT_25 = Pattern.compile("%25(?=[0-9A-Fa-f]{2})");
  private static final Pattern ENCODED_SEPARATOR = Pattern.compile("%(?:3[dD]|3[aA])");

  private static final String TOKEN_START = "(?<![A-Za-z0-9_-])";

  /**
   * Token formats that say they are secrets. Every alternative starts with a literal prefix and
   * either is bounded or always succeeds once the prefix matched, so no position is retried.
   */
  private static final Pattern KNOWN_TOKENS =
      Pattern.compile(
          // A cheap first-character gate: most positions fail here without trying any branch.
          "(?=[gxAynsreh])(?:"
              + TOKEN_START
              + "(?:gh[pousr]_[A-Za-z0-9]{20,}+"
              + "|github_pat_[A-Za-z0-9_]{20,}+"
              + "|gl(?:pat|dt|rt|ptt|cbt|oas|soat|ft|imt|agent)-[A-Za-z0-9_-]{16,}+"
              + "|xox[abeprs][.-][A-Za-z0-9.-]{10,}+"
              + "|xapp-[A-Za-z0-9-]{10,}+"
              + "|(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}+"
              + "|AIza[0-9A-Za-z_-]{35}+"
              + "|ya29\\.[0-9A-Za-z_.-]++"
              + "|npm_[A-Za-z0-9]{36}+"
              + "|(?:sk|rk)_live_[A-Za-z0-9]{16,}+"
              + "|eyJ[A-Za-z0-9_-]++\\.[A-Za-z0-9_-]++(?:\\.[A-Za-z0-9_-]*+)?)"
              // Atlassian API tokens anywhere, even glued to a user name or another word.
              + "|AT[AC]TT3[A-Za-z0-9_=+/.-]*+"
              + "|(hooks\\.slack\\.com/)(?:services|workflows|triggers)/[A-Za-z0-9/_-]++)");

  private static final Pattern PEM_BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]{0,40}+)-----");

  private static final Pattern ORACLE_USER_PASSWORD =
      Pattern.compile("(jdbc:oracle:[a-z0-9]++:)[^\\s@/]*+/[^\\s@]*+@");

  // scp-like git remotes: user:password@host:path (no scheme, so the URL scan misses them).
  private static final Pattern SCP_USER_PASSWORD =
      Pattern.compile("(?<![\\w.+%-])[\\w.+%-]++:[^\\s@/:]++@(?=[\\w.-]++:)");

  private static final Pattern BEARER =
      Pattern.compile("(?i)(?<![a-z0-9])(bearer|basic)\\s++[A-Za-z0-9._~+/=-]{8,}+");

  private Sanitizer() {}

  /**
   * Returns the text with secrets masked, line breaks and tabs replaced by a space, other control,
   * format and lone surrogate characters escaped as {@code \}{@code uXXXX}, surrounding whitespace
   * stripped and at most {@code maxLength} characters (an ellipsis marks a cut).
   *
   * @param text the text, or null
   * @param maxLength the longest result, at least 1
   * @return the sanitized text, or null for null
   */
  public static @Nullable String sanitize(@Nullable String text, int maxLength) {
    if (text == null) {
      return null;
    }
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be at least 1 but was " + maxLength);
    }
    long window = 4L * maxLength + MIN_WINDOW;
    boolean cut = text.length() > window;
    String out = cut ? cutAtWhitespace(text, (int) window, maxLength) : text;
    out = mask(out);
    out = escapeControls(out).strip();
    if (out.length() > maxLength || (cut && out.length() + 1 > maxLength)) {
      return truncate(out, maxLength);
    }
    return cut ? out + "\u2026" : out;
  }

  /**
   * Renders a failure as {@code SimpleName: message}, sanitized.
   *
   * @param error the failure
   * @param maxLength the longest result, at least 1
   * @return the sanitized description
   */
  public static String describe(Throwable error, int maxLength) {
    String message = error.getMessage();
    String name = error.getClass().getSimpleName();
    String text = message == null || message.isBlank() ? name : name + ": " + message;
    String sanitized = sanitize(text, maxLength);
    return sanitized == null ? name : sanitized;
  }

  /**
   * Renders untrusted text for quoting inside an error message: cut to {@code maxLength} characters
   * first (an ellipsis marks a cut), then every backslash, double quote, control, format, line or
   * paragraph separator, non-ASCII space, surrogate, private-use or unassigned character escaped as
   * {@code \}{@code uXXXX} (backslash and quote as {@code \\} and {@code \"}). Does not mask
   * secrets: use it for identifiers, not for free text.
   *
   * @param text the text to quote
   * @param maxLength how many characters of the input to keep, at least 1
   * @return the escaped text, without surrounding quotes
   */
  public static String quote(String text, int maxLength) {
    boolean cut = text.length() > maxLength;
    String head = cut ? safeCut(text, maxLength) : text;
    StringBuilder out = new StringBuilder(head.length() + 8);
    for (int i = 0; i < head.length(); i++) {
      char c = head.charAt(i);
      if (c == '\\' || c == '"') {
        out.append('\\').append(c);
      } else if (needsQuoteEscape(c)) {
        appendEscape(out, c);
      } else {
        out.append(c);
      }
    }
    return cut ? out.append('\u2026').toString() : out.toString();
  }

  private static boolean needsQuoteEscape(char c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || type == Character.PRIVATE_USE
        || type == Character.UNASSIGNED
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || (type == Character.SPACE_SEPARATOR && c != ' ');
  }

  /** Masks every secret the sanitizer knows about, without cutting or escaping. */
  static String mask(String text) {
    String out = decodeSeparators(text);
    out = Secrets.maskKnownValues(out);
    out = maskPemBlocks(out);
    out = replace(KNOWN_TOKENS, out);
    out = maskUrlUserInfo(out);
    // Literal guards skip whole passes over text that cannot match them.
    if (out.contains("jdbc:oracle:")) {
      out = ORACLE_USER_PASSWORD.matcher(out).replaceAll("$1" + MASK + "@");
    }
    if (out.indexOf('@') >= 0 && out.indexOf(':') >= 0) {
      out = SCP_USER_PASSWORD.matcher(out).replaceAll(MASK + "@");
    }
    out = KeyValueMasker.mask(out);
    String lower = out.toLowerCase(Locale.ROOT);
    if (lower.contains("bearer") || lower.contains("basic")) {
      out = BEARER.matcher(out).replaceAll("$1 " + MASK);
    }
    return out;
  }

  private static String decodeSeparators(String text) {
    String out = text;
    for (int layer = 0; layer < 2 && out.contains("%25"); layer++) {
      out = PERCENT_25.matcher(out).replaceAll("%");
    }
    if (out.indexOf('%') < 0) {
      return out;
    }
    return ENCODED_SEPARATOR
        .matcher(out)
        .replaceAll(m -> m.group().equalsIgnoreCase("%3D") ? "=" : ":");
  }

  private static String replace(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.replaceAll(
        r -> {
          String keep = r.group(1);
          return Matcher.quoteReplacement(keep == null ? MASK : keep + MASK);
        });
  }

  private static String maskPemBlocks(String text) {
    if (!text.contains("-----BEGIN ")) {
      return text;
    }
    Matcher m = PEM_BEGIN.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    int from = 0;
    while (m.find(from)) {
      if (!m.group(1).contains("PRIVATE KEY")) {
        from = m.end();
        continue;
      }
      int end = text.indexOf("-----END", m.end());
      out.append(text, copied, m.end()).append(MASK);
      if (end < 0) {
        return out.toString();
      }
      copied = end;
      int close = text.indexOf("-----", end + "-----END".length());
      from = close < 0 ? text.length() : close + "-----".length();
      if (from >= text.length()) {
        break;
      }
    }
    return out.append(text, copied, text.length()).toString();
  }

  /**
   * Masks the user info of every {@code scheme://user:password@host} URL, including users that are
   * e-mail addresses and passwords holding {@code /} or {@code @}: everything up to the last
   * {@code @} of the authority goes.
   */
  private static String maskUrlUserInfo(String text) {
    int scheme = text.indexOf("://");
    if (scheme < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    while (scheme >= 0) {
      int start = scheme + 3;
      int end = start;
      int pathStart = -1;
      int lastAtBeforePath = -1;
      int lastAt = -1;
      while (end < text.length() && !endsUrl(text.charAt(end))) {
        char c = text.charAt(end);
        if (pathStart < 0 && (c == '/' || c == '?' || c == '#')) {
          pathStart = end;
        } else if (c == '@') {
          lastAt = end;
          if (pathStart < 0) {
            lastAtBeforePath = end;
          }
        }
        end++;
      }
      int userInfoEnd = lastAtBeforePath;
      if (userInfoEnd < 0 && lastAt >= 0 && hasPassword(text, start, pathStart)) {
        userInfoEnd = lastAt; // a password holding "/": user:pa/ss@host
      }
      if (userInfoEnd > start) {
        out.append(text, copied, start).append(MASK);
        copied = userInfoEnd;
      }
      scheme = text.indexOf("://", Math.max(end, start));
    }
    return out.append(text, copied, text.length()).toString();
  }

  private static boolean endsUrl(char c) {
    return Character.isWhitespace(c)
        || c == '"'
        || c == '\''
        || c == '<'
        || c == '>'
        || c == '`'
        || Character.isISOControl(c);
  }

  // "user:secret" before the first slash, where the part after the colon is not a port number.
  private static boolean hasPassword(String text, int start, int pathStart) {
    if (pathStart < 0) {
      return false;
    }
    int colon = text.indexOf(':', start);
    if (colon < 0 || colon >= pathStart) {
      return false;
    }
    for (int i = colon + 1; i < pathStart; i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Flattens line breaks and tabs to one space per run and escapes the other control, format and
   * lone surrogate characters, so that a message cannot forge a log line or hide text.
   */
  static String escapeControls(String text) {
    StringBuilder out = null;
    boolean inBreak = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int kind = classify(text, i, c);
      if (kind == KEEP) {
        if (out != null) {
          out.append(c);
        }
        inBreak = false;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (kind == SPACE) {
        if (!inBreak) {
          out.append(' ');
        }
        inBreak = true;
      } else {
        appendEscape(out, c);
        inBreak = false;
      }
    }
    return out == null ? text : out.toString();
  }

  private static int classify(String text, int i, char c) {
    if (c >= 0x20 && c < 0x7F) {
      return KEEP;
    }
    if (c == '\n'
        || c == '\r'
        || c == '\t'
        || c == '\u000B'
        || c == '\f'
        || c == '\u0085'
        || c == '\u2028'
        || c == '\u2029') {
      return SPACE;
    }
    int type = Character.getType(c);
    if (type == Character.CONTROL || type == Character.FORMAT) {
      return ESCAPE;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)) ? KEEP : ESCAPE;
    }
    if (Character.isLowSurrogate(c)) {
      return i > 0 && Character.isHighSurrogate(text.charAt(i - 1)) ? KEEP : ESCAPE;
    }
    return KEEP;
  }

  private static void appendEscape(StringBuilder out, char c) {
    out.append("\\u").append(String.format(Locale.ROOT, "%04x", (int) c));
  }

  private static String cutAtWhitespace(String text, int window, int maxLength) {
    // Drop the token the cut falls into: a secret cut in half no longer matches its format.
    for (int i = window - 1; i >= maxLength; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        return text.substring(0, i);
      }
    }
    return safeCut(text, window);
  }

  private static String truncate(String text, int maxLength) {
    return safeCut(text, maxLength - 1) + "\u2026";
  }

  private static String safeCut(String text, int length) {
    int cut = Math.min(length, text.length());
    if (cut > 0 && cut < text.length() && Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut);
  }
}
