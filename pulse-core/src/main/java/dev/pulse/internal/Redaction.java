package dev.pulse.internal;

import org.jspecify.annotations.Nullable;

/**
 * The former name of {@link Sanitizer}, kept so that existing callers compile; every method
 * delegates.
 */
public final class Redaction {
  /** What a masked secret is replaced by; the same as {@link Sanitizer#MASK}. */
  public static final String MASK = Sanitizer.MASK;

  private Redaction() {}

  /**
   * Sanitizes a message; see {@link Sanitizer#sanitize(String, int)}.
   *
   * @param text the text, or null
   * @param maxLength the longest result
   * @return the sanitized text, or null for null
   */
  public static @Nullable String sanitize(@Nullable String text, int maxLength) {
    return Sanitizer.sanitize(text, maxLength);
  }

  /**
   * Renders a failure as {@code SimpleName: message}, sanitized; see {@link
   * Sanitizer#describe(Throwable, int)}.
   *
   * @param error the failure
   * @param maxLength the longest result
   * @return the sanitized description
   */
  public static String describe(Throwable error, int maxLength) {
    return Sanitizer.describe(error, maxLength);
  }
}
