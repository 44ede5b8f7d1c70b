package dev.pulse.metrics.dora;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Lead time for changes over the pull requests merged in a window.
 *
 * @param pullRequests pull requests merged in the window
 * @param deployed how many of them reached production (a deployment was found)
 * @param coding first commit to opened
 * @param pickup opened to first review
 * @param review first review to merge
 * @param deploy merge to production
 * @param total first commit to production; its median gives the level
 * @param level the level of the median total, or null when no total is known
 */
public record LeadTimeResult(
    int pullRequests,
    int deployed,
    DurationSummary coding,
    DurationSummary pickup,
    DurationSummary review,
    DurationSummary deploy,
    DurationSummary total,
    @Nullable DoraLevel level) {

  /**
   * Validates the result.
   *
   * @throws IllegalArgumentException if the level is present without a median total or the counts
   *     are negative
   */
  public LeadTimeResult {
    Objects.requireNonNull(coding, "coding");
    Objects.requireNonNull(pickup, "pickup");
    Objects.requireNonNull(review, "review");
    Objects.requireNonNull(deploy, "deploy");
    Objects.requireNonNull(total, "total");
    if (pullRequests < 0
        || deployed < 0
        || deployed > pullRequests
        || (level == null) != (total.count() == 0)) {
      throw new IllegalArgumentException(
          "inconsistent lead time: pullRequests="
              + pullRequests
              + " deployed="
              + deployed
              + " total="
              + total
              + " level="
              + level);
    }
  }
}
