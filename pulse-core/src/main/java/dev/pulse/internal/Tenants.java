package dev.pulse.internal;

import java.util.Objects;

/** The one place that says what a valid tenant name is. */
public final class Tenants {
  /** The tenant used when an embedding service has only one. */
  public static final String DEFAULT = "default";

  private static final int MAX_LENGTH = 128;

  private Tenants() {}

  /**
   * Checks a tenant name and returns its normalized form; callers must keep the returned value, not
   * their argument.
   *
   * <p>The name is normalized by {@link Names#normalize(String)} (NFC, fullwidth forms folded) and
   * checked by {@link Names#firstProblem(String, boolean)} with the ASCII space allowed. The length
   * is checked before anything else is done with the input.
   *
   * @param tenant the name to check
   * @return the normalized name
   * @throws IllegalArgumentException if it is blank, longer than 128 characters (before or after
   *     normalization) or has a character {@link Names} rejects; the message escapes the name
   */
  public static String requireValid(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    if (tenant.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "tenant must be at most "
              + MAX_LENGTH
              + " characters but was "
              + tenant.length()
              + ": \""
              + Sanitizer.quote(tenant, 32)
              + "\"");
    }
    String normalized = Names.normalize(tenant);
    if (normalized.isBlank()) {
      throw new IllegalArgumentException("tenant must not be blank");
    }
    if (normalized.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "tenant must be at most " + MAX_LENGTH + " characters after normalization");
    }
    String problem = Names.firstProblem(normalized, true);
    if (problem != null) {
      throw new IllegalArgumentException(
          "tenant \"" + Sanitizer.quote(normalized, 64) + "\" contains " + problem);
    }
    return normalized;
  }
}
