package dev.pulse.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The registry of configured credential values that {@link Sanitizer} masks wherever they appear,
 * even when no format reveals them (a bare Jenkins or old Atlassian API token).
 *
 * <p>Whoever reads a credential from configuration (a connector, a JDBC store) registers it and
 * closes the returned {@link Registration} when the credential is no longer used. Values shorter
 * than {@link #MIN_LENGTH} characters are not registered: masking every "admin" or "1234" would
 * garble ordinary text, and such values are no secret worth the name. The value and its
 * percent-encoded form are masked.
 *
 * <p>Thread-safe: registration and removal are serialized; sanitizing reads an immutable snapshot
 * without locking. The registry is process-wide, as the sanitizer is.
 */
public final class Secrets {
  /** The shortest value that is registered. */
  public static final int MIN_LENGTH = 6;

  private static final Object LOCK = new Object();
  private static final List<Registration> registrations = new ArrayList<>();
  private static volatile List<String> values = List.of();

  private Secrets() {}

  /**
   * Registers a credential value; its characters are copied, so the caller may clear the array.
   *
   * @param value the credential
   * @return the registration to close when the credential is no longer used; it masks nothing when
   *     the value is shorter than {@link #MIN_LENGTH}
   */
  public static Registration register(char[] value) {
    Objects.requireNonNull(value, "value");
    return register(new String(value));
  }

  /**
   * Registers a credential value.
   *
   * @param value the credential
   * @return the registration to close when the credential is no longer used; it masks nothing when
   *     the value is shorter than {@link #MIN_LENGTH}
   */
  public static Registration register(String value) {
    Objects.requireNonNull(value, "value");
    String trimmed = value.strip();
    if (trimmed.length() < MIN_LENGTH) {
      return new Registration(List.of());
    }
    Set<String> forms = new LinkedHashSet<>();
    forms.add(trimmed);
    forms.add(URLEncoder.encode(trimmed, StandardCharsets.UTF_8));
    Registration registration = new Registration(List.copyOf(forms));
    synchronized (LOCK) {
      registrations.add(registration);
      rebuild();
    }
    return registration;
  }

  /** Replaces every registered value in the text by the mask, longest values first. */
  static String maskKnownValues(String text) {
    List<String> snapshot = values;
    String out = text;
    for (String value : snapshot) {
      if (out.contains(value)) {
        out = out.replace(value, Sanitizer.MASK);
      }
    }
    return out;
  }

  private static void rebuild() {
    Set<String> all = new LinkedHashSet<>();
    for (Registration registration : registrations) {
      all.addAll(registration.forms);
    }
    List<String> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    values = List.copyOf(sorted);
  }

  /**
   * One registered credential. Closing it stops masking the value unless another registration holds
   * the same value. Idempotent and thread-safe.
   */
  public static final class Registration implements AutoCloseable {
    private final List<String> forms;

    private Registration(List<String> forms) {
      this.forms = forms;
    }

    /**
     * Tells whether this registration masks anything.
     *
     * @return false when the value was too short to register
     */
    public boolean isMasking() {
      return !forms.isEmpty();
    }

    @Override
    public void close() {
      if (forms.isEmpty()) {
        return;
      }
      synchronized (LOCK) {
        if (registrations.removeIf(r -> r == this)) {
          rebuild();
        }
      }
    }

    @Override
    public String toString() {
      return "Secrets.Registration[masking=" + isMasking() + "]";
    }
  }
}
