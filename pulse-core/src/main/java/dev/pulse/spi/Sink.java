package dev.pulse.spi;

import dev.pulse.Batch;
import dev.pulse.ScopeId;

/**
 * A destination for batches: a database, a queue, or an in-memory list.
 *
 * <p>{@link #write(ScopeId, Batch)} must be durable when it returns: the engine advances the
 * scope's watermark right after it. It should be idempotent per item (an upsert), because a batch
 * whose watermark advance failed is read and written again on the next run, and a connector reading
 * newest first or with a hold-back re-delivers records by design. A sink that can store a batch and
 * its watermark in one transaction implements {@link TransactionalSink}. Implementations must be
 * thread-safe when one sink serves several scopes concurrently.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface Sink<T> {
  /**
   * Stores a batch.
   *
   * @param key the tenant, entity type and scope the batch belongs to
   * @param batch the batch
   * @throws Exception if the batch could not be stored; the engine reports it (or any {@link Error}
   *     but a {@link VirtualMachineError}) as {@link dev.pulse.ErrorCode#SINK_FAILED} and does not
   *     advance the watermark; an {@link InterruptedException} cancels the run
   */
  void write(ScopeId key, Batch<T> batch) throws Exception;
}
