package dev.pulse.metrics.dora;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Lead time for changes over the pull requests merged in a window.
 *
 * @param pullRequests pull requests merged in the window, those merged before the first deployment
 *     seen excluded
 * @param deployed how many of them reached production (a deployment was found)
 * @param coding first commit to ready for review
 * @param pickup ready for review to first review
 * @param review first review to merge
 * @param deploy merge to production
 * @param total first commit to production; its median gives the level
 * @param level the level of the median total, or null when no total is known
 * @param excludedBeforeFirstDeployment pull requests merged in the window before the first
 *     production deployment seen for their repository, left out of every other figure
 * @param byLinkage how many pull requests merged in the window each linkage was used for, the
 *     excluded ones included; absent linkages are left out (unmodifiable copy)
 */
public record LeadTimeResult(
    int pullRequests,
    int deployed,
    DurationSummary coding,
    DurationSummary pickup,
    DurationSummary review,
    DurationSummary deploy,
    DurationSummary total,
    @Nullable DoraLevel level,
    int excludedBeforeFirstDeployment,
    Map<Linkage, Integer> byLinkage) {

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
    EnumMap<Linkage, Integer> copy = new EnumMap<>(Linkage.class);
    copy.putAll(Map.copyOf(byLinkage));
    byLinkage = Collections.unmodifiableMap(copy);
    int linked = 0;
    for (int count : byLinkage.values()) {
      if (count <= 0) {
        throw new IllegalArgumentException("byLinkage counts must be > 0 but were " + byLinkage);
      }
      linked += count;
    }
    if (excludedBeforeFirstDeployment < 0
        || byLinkage.getOrDefault(Linkage.BEFORE_FIRST_DEPLOYMENT, 0)
            != excludedBeforeFirstDeployment
        || linked != pullRequests + excludedBeforeFirstDeployment) {
      throw new IllegalArgumentException(
          "inconsistent linkage counts: pullRequests="
              + pullRequests
              + " excludedBeforeFirstDeployment="
              + excludedBeforeFirstDeployment
              + " byLinkage="
              + byLinkage);
    }
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

  /**
   * Returns the bottleneck phase: the phase with the largest median, ties going to the earlier
   * phase (coding, pickup, review, deploy), as the origin's {@code bottleneck_phase}.
   *
   * @return the phase, or null when no phase has a median
   */
  public @Nullable LeadTimePhase bottleneck() {
    LeadTimePhase best = null;
    java.time.Duration max = null;
    for (LeadTimePhase phase : LeadTimePhase.values()) {
      java.time.Duration median = summaryOf(phase).median();
      if (median != null && (max == null || median.compareTo(max) > 0)) {
        max = median;
        best = phase;
      }
    }
    return best;
  }

  private DurationSummary summaryOf(LeadTimePhase phase) {
    return switch (phase) {
      case CODING -> coding;
      case PICKUP -> pickup;
      case REVIEW -> review;
      case DEPLOY -> deploy;
    };
  }
}
