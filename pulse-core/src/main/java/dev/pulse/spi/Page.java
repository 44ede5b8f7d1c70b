package dev.pulse.spi;

import dev.pulse.Position;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page returned by a {@link PageFetcher}: its items, the position after the last of them, and
 * whether more pages follow.
 *
 * @param items the items in (cursor, tie-breaker) order, at most the requested page size; may be
 *     empty
 * @param position the position after the last item; required when there are items, else null or the
 *     position the source skipped to
 * @param hasMore whether another page may follow
 * @param continuation an opaque value handed back in the next {@link PageRequest} (e.g. a GraphQL
 *     {@code endCursor}), or null
 * @param <T> the item type
 */
public record Page<T>(
    List<T> items, @Nullable Position position, boolean hasMore, @Nullable String continuation) {
  /**
   * Validates the page and copies its items.
   *
   * @throws IllegalArgumentException if there are items but no position
   */
  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
    if (!items.isEmpty() && position == null) {
      throw new IllegalArgumentException(
          "a page with items needs the position after its last item");
    }
  }

  /**
   * Returns a page after which more may follow.
   *
   * @param items the items
   * @param position the position after the last item
   * @param <T> the item type
   * @return the page
   */
  public static <T> Page<T> more(List<T> items, Position position) {
    return new Page<>(items, position, true, null);
  }

  /**
   * Returns a page after which more may follow, with a continuation for the next request.
   *
   * @param items the items
   * @param position the position after the last item
   * @param continuation the value to hand back in the next request
   * @param <T> the item type
   * @return the page
   */
  public static <T> Page<T> more(List<T> items, Position position, String continuation) {
    return new Page<>(items, position, true, Objects.requireNonNull(continuation, "continuation"));
  }

  /**
   * Returns the final page of a scope.
   *
   * @param items the items, possibly none
   * @param position the position after the last item, or null when there are none
   * @param <T> the item type
   * @return the page
   */
  public static <T> Page<T> last(List<T> items, @Nullable Position position) {
    return new Page<>(items, position, false, null);
  }
}
