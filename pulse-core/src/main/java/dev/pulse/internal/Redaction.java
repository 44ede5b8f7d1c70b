package dev.pulse.internal;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Makes error text safe to show in a status row: secrets masked, control characters flattened,
 * length capped.
 */
public final class Redaction {
  public static final String MASK = "***";

  private static final Pattern URL_USERINFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@]+@");
  private static final Pattern AUTH_HEADER =
      Pattern.compile(
          "(?i)\\b((?:proxy-)?authorization|x-api-key|api-key|private-token|cookie|set-cookie)(\"?\\s*[:=]\\s*\"?)"
              + "(?:(?:bearer|basic|token|digest|negotiate)\\s+)?[^\\s,;\"']+");
  private static final Pattern BEARER =
      Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}");
  // A secret-looking name, optionally with a plural or a suffix such as _value or -id
  // (password_hash,
  // token_value, credentials), or a bare auth/sig name, followed by = or :.
  private static final Pattern KEY_VALUE =
      Pattern.compile(
          "(?i)([\"']?\\b(?:[a-z0-9_-]*(?:token|secret|passw(?:or)?d|passwd|pwd|api[_-]?key|apikey|credential"
              + "|session[_-]?id|signature|(?:access|private|secret|signing)[_-]?key)s?(?:[_-][a-z0-9]+)*"
              + "|auth|sig)[\"']?)"
              + "(\\s*[:=]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s&,;\"'}]+)");
  // Bare key and pass only with "=" (query and form parameters): "issue key: BG-1" in prose is not
  // a secret.
  private static final Pattern QUERY_KEY = Pattern.compile("(?i)(\\b(?:key|pass)=)[^&\\s#,;\"']+");
  // Percent-encoded separators (refresh_token%3Dabc) are decoded before matching, so encoded pairs
  // are masked.
  private static final Pattern ENCODED_SEPARATOR = Pattern.compile("%(?:3[dD]|3[aA])");
  private static final Pattern KNOWN_TOKENS =
      Pattern.compile(
          "\\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}"
              + "|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}"
              + "|eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]+)");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t]]+|\\t");

  private Redaction() {}

  /**
   * Returns the text with secrets masked, line breaks and control characters replaced by spaces,
   * and at most {@code maxLength} characters (an ellipsis marks a cut).
   */
  public static @Nullable String sanitize(@Nullable String text, int maxLength) {
    if (text == null) {
      return null;
    }
    String out = CONTROL.matcher(text).replaceAll(" ");
    out =
        ENCODED_SEPARATOR
            .matcher(out)
            .replaceAll(m -> m.group().equalsIgnoreCase("%3D") ? "=" : ":");
    out = URL_USERINFO.matcher(out).replaceAll("$1" + MASK + "@");
    out = AUTH_HEADER.matcher(out).replaceAll("$1$2" + MASK);
    out = BEARER.matcher(out).replaceAll("$1 " + MASK);
    out = KEY_VALUE.matcher(out).replaceAll("$1$2" + MASK);
    out = QUERY_KEY.matcher(out).replaceAll("$1" + MASK);
    out = KNOWN_TOKENS.matcher(out).replaceAll(MASK);
    out = out.strip();
    if (out.length() > maxLength) {
      int cut = Math.max(0, maxLength - 1);
      if (cut > 0 && Character.isHighSurrogate(out.charAt(cut - 1))) {
        cut--;
      }
      out = out.substring(0, cut) + "\u2026";
    }
    return out;
  }

  /** Renders a failure as {@code SimpleName: message}, sanitized. */
  public static String describe(Throwable error, int maxLength) {
    String message = error.getMessage();
    String text =
        message == null || message.isBlank()
            ? error.getClass().getSimpleName()
            : error.getClass().getSimpleName() + ": " + message;
    String sanitized = sanitize(text, maxLength);
    return sanitized == null ? error.getClass().getSimpleName() : sanitized;
  }
}
