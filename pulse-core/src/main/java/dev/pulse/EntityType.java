package dev.pulse;

import dev.pulse.internal.Sanitizer;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A kind of record Pulse ingests: the built-in {@link #ISSUES}, {@link #PULL_REQUESTS}, {@link
 * #DEPLOYMENTS}, {@link #SPRINTS} and {@link #INCIDENTS}, or a custom type created by name with
 * {@link #of(String)}.
 *
 * <p>Names are lower-case ASCII identifiers ({@code [a-z][a-z0-9_]*}, at most 64 characters), so no
 * look-alike (fullwidth, Cyrillic, invisible) name is accepted. Two entity types are equal when
 * their names are equal. A rejected name is quoted in the error escaped and cut to 64 characters.
 *
 * @param name the type's name, e.g. {@code pull_requests}
 */
public record EntityType(String name) implements Comparable<EntityType> {
  // Declared before the constants below, whose construction uses it.
  private static final int MAX_LENGTH = 64;
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** Work items such as Jira issues. */
  public static final EntityType ISSUES = new EntityType("issues");

  /** Pull (merge) requests. */
  public static final EntityType PULL_REQUESTS = new EntityType("pull_requests");

  /** Deployments of a repository to an environment. */
  public static final EntityType DEPLOYMENTS = new EntityType("deployments");

  /** Sprints (iterations) of a board. */
  public static final EntityType SPRINTS = new EntityType("sprints");

  /** Production incidents with created and resolved times. */
  public static final EntityType INCIDENTS = new EntityType("incidents");

  /**
   * Validates the name.
   *
   * @throws IllegalArgumentException if the name is not a lower-case identifier
   */
  public EntityType {
    Objects.requireNonNull(name, "name");
    // Length first: a huge name is neither matched nor echoed whole. The name is ASCII-only, so
    // look-alikes (fullwidth, Cyrillic, invisible characters) are simply rejected, never folded.
    if (name.length() > MAX_LENGTH || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "entity type name must match "
              + NAME.pattern()
              + " but was \""
              + Sanitizer.quote(name, MAX_LENGTH)
              + "\""
              + (name.length() > MAX_LENGTH ? " (" + name.length() + " characters)" : ""));
    }
  }

  /**
   * Returns the entity type with this name, built-in or custom.
   *
   * @param name the name, e.g. {@code issues} or {@code feature_flags}
   * @return the entity type
   * @throws IllegalArgumentException if the name is not a lower-case identifier
   */
  public static EntityType of(String name) {
    return new EntityType(name);
  }

  @Override
  public int compareTo(EntityType other) {
    return name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
