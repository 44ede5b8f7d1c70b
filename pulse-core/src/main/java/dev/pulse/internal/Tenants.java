package dev.pulse.internal;

import java.util.Objects;

/** The one place that says what a valid tenant name is. */
public final class Tenants {
  /** The tenant used when an embedding service has only one. */
  public static final String DEFAULT = "default";

  private static final int MAX_LENGTH = 128;

  private Tenants() {}

  /**
   * Checks a tenant name.
   *
   * @param tenant the name to check
   * @return the same name
   * @throws IllegalArgumentException if it is blank, longer than 128 characters or has a control
   *     character
   */
  public static String requireValid(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    if (tenant.isBlank()) {
      throw new IllegalArgumentException("tenant must not be blank");
    }
    if (tenant.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "tenant must be at most " + MAX_LENGTH + " characters but was " + tenant.length());
    }
    for (int i = 0; i < tenant.length(); i++) {
      if (Character.isISOControl(tenant.charAt(i))) {
        throw new IllegalArgumentException("tenant contains a control character at index " + i);
      }
    }
    return tenant;
  }
}
