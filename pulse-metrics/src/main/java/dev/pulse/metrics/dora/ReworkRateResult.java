package dev.pulse.metrics.dora;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The deployment rework rate (DORA 2024) over a window.
 *
 * @param deployments successful production deployments that took effect in the window
 * @param rework how many of them were unplanned by at least one {@link ReworkRule}
 * @param rate {@code rework / deployments}, or null when there was no deployment
 * @param byRule how many deployments each rule matched; a deployment matched by two rules counts
 *     under both, so the values can add up to more than {@code rework} (unmodifiable copy; rules
 *     that matched nothing are left out)
 * @param reworked the deployments counted as rework, in effective-time order per repository and
 *     environment (unmodifiable copy)
 */
public record ReworkRateResult(
    int deployments,
    int rework,
    @Nullable Double rate,
    Map<ReworkRule, Integer> byRule,
    List<ReworkedDeployment> reworked) {

  /**
   * Validates and copies the result.
   *
   * @throws IllegalArgumentException if the counts are inconsistent
   */
  public ReworkRateResult {
    EnumMap<ReworkRule, Integer> copy = new EnumMap<>(ReworkRule.class);
    copy.putAll(Map.copyOf(byRule));
    byRule = Collections.unmodifiableMap(copy);
    reworked = List.copyOf(reworked);
    if (deployments < 0
        || rework < 0
        || rework > deployments
        || reworked.size() != rework
        || (rate == null) != (deployments == 0)
        || (rate != null && rate != (double) rework / deployments)) {
      throw new IllegalArgumentException(
          "inconsistent rework rate: deployments="
              + deployments
              + " rework="
              + rework
              + " rate="
              + rate
              + " reworked="
              + reworked.size());
    }
  }
}
