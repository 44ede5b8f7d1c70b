package dev.pulse.model;

import dev.pulse.model.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One period an issue spent in one status.
 *
 * <p>Create one with {@link #builder()} and derive a variant with {@link #toBuilder()}: the
 * canonical constructor changes whenever a component is added, the builder does not.
 *
 * <p>Immutable and thread-safe.
 *
 * @param status the normalized status entered
 * @param rawStatus the source's status name, as written there
 * @param enteredAt when the status was entered
 * @param exitedAt when the next status was entered, or null for the current status
 */
public record StatusTransition(
    NormalizedStatus status, String rawStatus, Instant enteredAt, @Nullable Instant exitedAt) {
  /**
   * Validates the transition.
   *
   * @throws IllegalArgumentException if it was exited before it was entered
   */
  public StatusTransition {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(rawStatus, "rawStatus");
    Objects.requireNonNull(enteredAt, "enteredAt");
    if (exitedAt != null && exitedAt.isBefore(enteredAt)) {
      throw new IllegalArgumentException(
          "exitedAt " + exitedAt + " is before enteredAt " + enteredAt);
    }
  }

  /**
   * Returns an empty builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this transition's values, to derive a variant.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * A builder of {@link StatusTransition}s. Each setter rejects a bad value at once, naming the
   * parameter; {@link #build()} checks the combination and may be called more than once.
   *
   * <p>Required: status, rawStatus and enteredAt; exitedAt is null unless set.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private @Nullable NormalizedStatus status;
    private @Nullable String rawStatus;
    private @Nullable Instant enteredAt;
    private @Nullable Instant exitedAt;

    private Builder() {}

    private Builder(StatusTransition t) {
      status = t.status;
      rawStatus = t.rawStatus;
      enteredAt = t.enteredAt;
      exitedAt = t.exitedAt;
    }

    /**
     * Sets the normalized status entered.
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(NormalizedStatus status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /**
     * Sets the source's status name.
     *
     * @param rawStatus the name as written in the source
     * @return this builder
     */
    public Builder rawStatus(String rawStatus) {
      this.rawStatus = Objects.requireNonNull(rawStatus, "rawStatus");
      return this;
    }

    /**
     * Sets when the status was entered.
     *
     * @param enteredAt the entry time
     * @return this builder
     */
    public Builder enteredAt(Instant enteredAt) {
      this.enteredAt = Objects.requireNonNull(enteredAt, "enteredAt");
      return this;
    }

    /**
     * Sets when the next status was entered.
     *
     * @param exitedAt the exit time, or null for the current status
     * @return this builder
     */
    public Builder exitedAt(@Nullable Instant exitedAt) {
      this.exitedAt = exitedAt;
      return this;
    }

    /**
     * Returns a transition with the values set.
     *
     * @return a new transition
     * @throws IllegalStateException if a required value is not set
     * @throws IllegalArgumentException if it was exited before it was entered
     */
    public StatusTransition build() {
      return new StatusTransition(
          Checks.requireSet(status, "status"),
          Checks.requireSet(rawStatus, "rawStatus"),
          Checks.requireSet(enteredAt, "enteredAt"),
          exitedAt);
    }
  }
}
