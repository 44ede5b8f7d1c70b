package dev.pulse.spi;

import dev.pulse.EntityType;
import dev.pulse.Health;
import dev.pulse.ItemCount;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A source of one entity type (Jira issues, GitHub pull requests, Jenkins deployments, or anything
 * a user plugs in), split into scopes that are ingested independently.
 *
 * <p>A connector discovers its own scopes (no hand-kept lists), may pre-count a scope, checks its
 * own health and opens a scope as a {@link PageFetcher}. Pulse turns the fetcher into a batched
 * iterator; see {@link dev.pulse.engine.BatchIterator#open}. Implementations must be thread-safe:
 * different scopes may be opened and read concurrently. {@link #close()} releases shared resources
 * (HTTP clients, pools) and must be idempotent.
 *
 * @param <T> the canonical record type the connector produces
 */
public interface Connector<T> extends AutoCloseable {
  /**
   * Returns the source name used as the first part of this connector's scope keys, e.g. {@code
   * jira}.
   *
   * @return the source name
   */
  String source();

  /**
   * Returns the entity type this connector produces.
   *
   * @return the entity type
   */
  EntityType entityType();

  /**
   * Lists the scopes the source currently holds.
   *
   * @return the scope keys, each with {@link #source()} as its source
   * @throws dev.pulse.SourceException if the source cannot be asked
   */
  List<ScopeKey> discoverScopes();

  /**
   * Counts the items of a scope after a position, giving up within a time budget.
   *
   * <p>The count is only used for progress, so returning {@link ItemCount#unknown()} is always
   * correct; the engine also stops waiting when the budget runs out. The default returns unknown.
   *
   * @param scope the scope to count
   * @param after count only items after this position, or null for all
   * @param budget how long the connector may spend
   * @return the count, or unknown
   */
  default ItemCount preCount(ScopeKey scope, @Nullable Position after, Duration budget) {
    return ItemCount.unknown();
  }

  /**
   * Checks whether the source can be used now. The default reports {@link Health#up()}.
   *
   * @return the health, never null; a failure to check is reported as {@link Health.Status#DOWN}
   */
  default Health checkHealth() {
    return Health.up();
  }

  /**
   * Returns the order in which this connector's fetchers return records. The default is {@link
   * ReadOrder#OLDEST_FIRST}.
   *
   * @return the read order
   */
  default ReadOrder readOrder() {
    return ReadOrder.OLDEST_FIRST;
  }

  /**
   * Returns how long after the fact this connector's source may still show a record, for eventually
   * consistent sources such as Jira's or GitHub's search: an instant watermark never advances past
   * the run's start minus this duration, so records the index shows late are read by the next run.
   * The default is zero (the source is consistent).
   *
   * @return the hold-back, zero or positive
   */
  default Duration holdBack() {
    return Duration.ZERO;
  }

  /**
   * Opens one scope for reading.
   *
   * @param scope the scope to read
   * @return a fetcher for that scope, closed by Pulse when the read ends
   * @throws dev.pulse.ScopeNotFoundException if the scope does not exist
   */
  PageFetcher<T> openScope(ScopeKey scope);

  /** Releases shared resources. Idempotent. The default does nothing. */
  @Override
  default void close() {}
}
