package dev.pulse.pipeline;

import dev.pulse.ErrorCode;

/**
 * The handle a {@link RejectingSink} uses to turn away single records of a batch: each rejected
 * record becomes a dead letter (see {@link dev.pulse.spi.DeadLetterStore}) while the rest of the
 * batch is stored and the batch's watermark advances.
 *
 * <p>Valid only during the {@link RejectingSink#write} call it was passed to; thread-safe within
 * it.
 *
 * @param <T> the item type
 */
public interface Rejections<T> {
  /**
   * Rejects one record of the batch being written.
   *
   * @param item the record, which must be one of the batch's items
   * @param code why, e.g. {@link ErrorCode#INVALID_DATA}
   * @param message a short explanation; sanitized before it is stored
   */
  void reject(T item, ErrorCode code, String message);
}
