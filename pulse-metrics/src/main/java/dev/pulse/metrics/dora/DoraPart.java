package dev.pulse.metrics.dora;

import java.util.Objects;
import java.util.Set;

/**
 * A part of the records behind a set of DORA figures (one repository, or one team owning its
 * repositories throughout): the deployments of some repositories and some of the pull requests,
 * named by their positions in the list given to {@link Dora#computeParts}.
 *
 * <p>Immutable and thread-safe; the positions are copied.
 */
public final class DoraPart {
  private final Set<String> repositories;
  private final int[] pullRequests;

  private DoraPart(Set<String> repositories, int[] pullRequests) {
    this.repositories = repositories;
    this.pullRequests = pullRequests;
  }

  /**
   * Returns a part.
   *
   * @param repositories the repositories whose deployments (every environment) belong to the part
   * @param pullRequests the positions of the part's pull requests in the list they are given with,
   *     in any order, each at most once ({@link Dora#computeParts} checks that)
   * @return the part
   * @throws IllegalArgumentException if a position is negative
   */
  public static DoraPart of(Set<String> repositories, int[] pullRequests) {
    int[] copy = pullRequests.clone();
    for (int position : copy) {
      if (position < 0) {
        throw new IllegalArgumentException(
            "pull request positions must be >= 0 but " + position + " is not");
      }
    }
    return new DoraPart(Set.copyOf(Objects.requireNonNull(repositories, "repositories")), copy);
  }

  /**
   * Returns the repositories whose deployments belong to the part.
   *
   * @return an unmodifiable set
   */
  public Set<String> repositories() {
    return repositories;
  }

  /** The positions of the part's pull requests; not copied, never modified. */
  int[] pullRequestPositions() {
    return pullRequests;
  }

  @Override
  public String toString() {
    return "DoraPart{repositories=" + repositories + ", pullRequests=" + pullRequests.length + "}";
  }
}
