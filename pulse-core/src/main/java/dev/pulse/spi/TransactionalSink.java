package dev.pulse.spi;

import dev.pulse.Batch;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.Watermark;
import java.time.Instant;

/**
 * A sink that stores a batch and advances the scope's watermark in one transaction, so that data
 * and watermark can never disagree (exactly-once storage of each batch).
 *
 * <p>When the engine's sink implements this interface it calls {@link #writeAndAdvance} instead of
 * {@link #write} followed by {@link WatermarkStore#advance}; the sink advances the watermark in
 * {@link #watermarkStore()}, which must be the store the engine reads watermarks from (the engine
 * checks this and refuses to start otherwise). With any other sink the engine is at-least-once: a
 * crash between the write and the advance re-delivers that one batch.
 *
 * @param <T> the item type
 */
public interface TransactionalSink<T> extends Sink<T> {
  /**
   * Stores a batch and advances its scope's watermark, atomically: either both happen or neither.
   * The watermark moves with the semantics of {@link WatermarkStore#advance}: never backwards, and
   * {@code itemsAdded} is added only when it moves.
   *
   * @param key the tenant, entity type and scope the batch belongs to
   * @param batch the batch
   * @param position the position to advance to, usually {@code batch.position()}
   * @param itemsAdded the number of items to add to the watermark's count
   * @param at the wall-clock time of the advance
   * @return the watermark after the transaction
   * @throws Exception if the transaction failed; nothing was stored and the watermark did not move
   */
  Watermark writeAndAdvance(
      ScopeId key, Batch<T> batch, Position position, long itemsAdded, Instant at) throws Exception;

  /**
   * Returns the watermark store this sink advances in its transactions.
   *
   * @return the store, the same instance on every call
   */
  WatermarkStore watermarkStore();
}
