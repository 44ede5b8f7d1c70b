package dev.pulse.spi;

import dev.pulse.Position;
import dev.pulse.ScopeKey;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request for one page of a scope, handed to {@link PageFetcher#fetch(PageRequest)}.
 *
 * @param scope the scope to read
 * @param after return only items strictly after this position; null to start from the beginning
 * @param continuation the opaque continuation the previous page returned, or null on the first
 *     request of a read; connectors that page by position alone may ignore it
 * @param pageSize the maximum number of items to return, at least 1
 */
public record PageRequest(
    ScopeKey scope, @Nullable Position after, @Nullable String continuation, int pageSize) {
  /**
   * Validates the request.
   *
   * @throws IllegalArgumentException if {@code pageSize < 1}
   */
  public PageRequest {
    Objects.requireNonNull(scope, "scope");
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be >= 1 but was " + pageSize);
    }
  }
}
