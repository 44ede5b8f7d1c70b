package dev.pulse.model.internal;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The argument checks every Pulse module uses, so that a rejected argument reads the same
 * everywhere: the message names the parameter and shows the bad value ({@code "pageSize must be > 0
 * but was 0"}).
 */
public final class Checks {
  private Checks() {}

  /**
   * Returns a string that is neither null nor blank.
   *
   * @param value the value
   * @param name the parameter's name, for the message
   * @return {@code value}
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public static String requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  /**
   * Returns a value a builder requires, so that {@code build()} on a half-filled builder says which
   * value is missing.
   *
   * @param value the value, null when it was never set
   * @param name the builder method that sets it, for the message
   * @param <T> the value's type
   * @return {@code value}
   * @throws IllegalStateException if {@code value} is null
   */
  public static <T> T requireSet(@Nullable T value, String name) {
    if (value == null) {
      throw new IllegalStateException(name + " must be set");
    }
    return value;
  }

  /**
   * Returns a duration greater than zero.
   *
   * @param value the value
   * @param name the parameter's name, for the message
   * @return {@code value}
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is zero or negative
   */
  public static Duration requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0 but was " + value);
    }
    return value;
  }

  /**
   * Returns a duration that is zero or greater.
   *
   * @param value the value
   * @param name the parameter's name, for the message
   * @return {@code value}
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public static Duration requireNonNegative(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
    }
    return value;
  }

  /**
   * Returns a number greater than zero.
   *
   * @param value the value
   * @param name the parameter's name, for the message
   * @return {@code value}
   * @throws IllegalArgumentException if {@code value} is zero or negative
   */
  public static long requirePositive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0 but was " + value);
    }
    return value;
  }

  /**
   * Returns a number that is zero or greater.
   *
   * @param value the value
   * @param name the parameter's name, for the message
   * @return {@code value}
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public static long requireNonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
    }
    return value;
  }

  /**
   * Returns a number within {@code [min, max]}.
   *
   * @param value the value
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @param name the parameter's name, for the message
   * @return {@code value}
   * @throws IllegalArgumentException if {@code value} is outside the range
   */
  public static long requireBetween(long value, long min, long max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + " but was " + value);
    }
    return value;
  }
}
