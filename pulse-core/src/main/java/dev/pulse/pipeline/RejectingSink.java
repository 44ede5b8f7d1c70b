package dev.pulse.pipeline;

import dev.pulse.Batch;
import dev.pulse.ScopeId;

/**
 * A sink that may turn away single records of a batch (for example a row that violates a
 * constraint) instead of failing the whole batch.
 *
 * <p>The contract is that of {@link dev.pulse.spi.Sink}: the write is durable when it returns, and
 * should be idempotent per item. Records passed to {@link Rejections#reject} are not stored; they
 * become dead letters. Throwing fails the whole batch: it is retried and its watermark does not
 * advance. Implementations must be thread-safe when several scopes are written concurrently.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface RejectingSink<T> {
  /**
   * Stores a batch, rejecting single records through {@code rejections}.
   *
   * @param key the tenant, entity type and scope
   * @param batch the batch
   * @param rejections where records that cannot be stored go
   * @throws Exception if the batch as a whole could not be stored
   */
  void write(ScopeId key, Batch<T> batch, Rejections<T> rejections) throws Exception;
}
