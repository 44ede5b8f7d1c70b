package dev.pulse.spi;

import dev.pulse.ErrorCode;
import dev.pulse.ScopeId;
import dev.pulse.internal.Redaction;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One record that could not be stored, kept in a {@link DeadLetterStore} so it is counted, shown
 * and re-playable instead of lost or blocking its batch.
 *
 * <p>Immutable. The message is sanitized on construction (secrets masked, at most {@link
 * #MAX_MESSAGE_LENGTH} characters); the payload is whatever the source's codec produced and is
 * never rendered by status surfaces.
 *
 * @param scope the tenant, entity type and scope the record belongs to
 * @param naturalKey the record's key in its source, e.g. {@code BG-12}; unique within the scope
 * @param reasonCode why it was rejected, e.g. {@link ErrorCode#INVALID_DATA}
 * @param message the rejection's message, free of secrets
 * @param firstSeen when the record was first rejected
 * @param lastSeen when it was last rejected, never before {@code firstSeen}
 * @param attempts how many times it was rejected, at least 1
 * @param payload the record encoded for a replay, or null when the source has no codec
 */
public record DeadLetter(
    ScopeId scope,
    String naturalKey,
    ErrorCode reasonCode,
    String message,
    Instant firstSeen,
    Instant lastSeen,
    int attempts,
    @Nullable String payload) {
  /** The longest message kept. */
  public static final int MAX_MESSAGE_LENGTH = 500;

  /**
   * Validates the record and sanitizes its message.
   *
   * @throws IllegalArgumentException if the key is blank, attempts are below 1 or {@code lastSeen}
   *     is before {@code firstSeen}
   */
  public DeadLetter {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(naturalKey, "naturalKey");
    if (naturalKey.isBlank()) {
      throw new IllegalArgumentException("naturalKey must not be blank");
    }
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1 but was " + attempts);
    }
    if (lastSeen.isBefore(firstSeen)) {
      throw new IllegalArgumentException(
          "lastSeen must not be before firstSeen but was " + lastSeen + " < " + firstSeen);
    }
    String safe = Redaction.sanitize(message, MAX_MESSAGE_LENGTH);
    message = safe == null ? "" : safe;
  }

  /** Leaves the payload out: it is source data, not for logs. */
  @Override
  public String toString() {
    return "DeadLetter["
        + scope
        + " "
        + naturalKey
        + " "
        + reasonCode
        + ": "
        + message
        + ", attempts="
        + attempts
        + ", firstSeen="
        + firstSeen
        + ", lastSeen="
        + lastSeen
        + "]";
  }
}
