package dev.pulse.spi;

import dev.pulse.ErrorCode;
import dev.pulse.ScopeId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Durable storage of {@link DeadLetter}s: records a connector could not map or a sink rejected on
 * their own, kept one per (scope, natural key) while the rest of their batch proceeds.
 *
 * <p>Because a rejected record is kept, counted and re-playable, its batch's watermark still
 * advances. {@link #record} is an upsert: a record rejected again keeps its first-seen time and
 * gains an attempt. All methods are thread-safe; failures are reported as {@link
 * dev.pulse.StoreException}. {@link dev.pulse.inmemory.InMemoryDeadLetterStore} is the in-memory
 * implementation; replaying (retry) is driven by {@code dev.pulse.pipeline.Pipeline}, which writes
 * the payload to the sink again and discards the letter once stored.
 */
public interface DeadLetterStore {
  /**
   * Records a rejection: creates the letter with one attempt, or updates the existing letter of the
   * same scope and natural key (reason, message, payload and last-seen time replaced, attempts
   * incremented, first-seen kept).
   *
   * @param scope the record's scope
   * @param naturalKey the record's key in its source
   * @param reasonCode why it was rejected
   * @param message the rejection's message; sanitized by {@link DeadLetter}
   * @param payload the record encoded for a replay, or null
   * @param at when it was rejected
   * @return the letter as stored
   */
  DeadLetter record(
      ScopeId scope,
      String naturalKey,
      ErrorCode reasonCode,
      String message,
      @Nullable String payload,
      Instant at);

  /**
   * Reads one letter.
   *
   * @param scope the scope
   * @param naturalKey the record's key
   * @return the letter, or empty
   */
  Optional<DeadLetter> find(ScopeId scope, String naturalKey);

  /**
   * Lists the letters of one scope.
   *
   * @param scope the scope
   * @return the letters ordered by natural key
   */
  List<DeadLetter> list(ScopeId scope);

  /**
   * Lists every letter of a tenant.
   *
   * @param tenant the tenant
   * @return the letters ordered by entity type, scope and natural key
   */
  List<DeadLetter> list(String tenant);

  /**
   * Counts the letters of one scope.
   *
   * @param scope the scope
   * @return the count, never negative
   */
  default long count(ScopeId scope) {
    return list(scope).size();
  }

  /**
   * Deletes one letter, after it was replayed or when an operator gives it up.
   *
   * @param scope the scope
   * @param naturalKey the record's key
   * @return true if a letter was deleted
   */
  boolean discard(ScopeId scope, String naturalKey);
}
