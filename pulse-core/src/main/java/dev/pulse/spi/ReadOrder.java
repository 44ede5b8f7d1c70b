package dev.pulse.spi;

/**
 * The order in which a connector's source returns a scope's records, declared by {@link
 * Connector#readOrder()}.
 */
public enum ReadOrder {
  /**
   * Oldest first, resumable: the source can return the records strictly after a {@link
   * PageRequest#after() position} in ascending (cursor, tie-breaker) order. Each page's {@link
   * Page#position()} is the position of its last (newest) item, and the engine advances the
   * watermark after every stored page. This is the default and the mode to prefer.
   */
  OLDEST_FIRST,

  /**
   * Newest first, for sources without a "since" filter (Jenkins builds, GitHub's REST pull-request
   * list): pages run from the newest record backwards, following the page's {@link
   * Page#continuation() continuation}, and the fetcher ends the walk (a page without more) once it
   * has returned the first record at or before {@link PageRequest#after()}, the scope's watermark,
   * or the source has no older records. Each page's {@link Page#position()} is the position of its
   * newest item. The engine stores every page as it arrives, so memory stays bounded, but advances
   * the watermark only when the walk has ended, to the highest position seen; a crash or failure
   * mid-walk leaves the watermark where it was, the next run repeats the walk, and idempotent sinks
   * absorb the repeated records.
   */
  NEWEST_FIRST
}
