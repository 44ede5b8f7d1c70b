package dev.pulse.metrics.dora;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Time to restore (failed deployment recovery time) over a window.
 *
 * @param source deployment pairing or incidents
 * @param status sufficient, or insufficient data when {@code sampleSize < minSample}
 * @param resolved resolved incidents in the window, including flaky ones
 * @param open open incidents in the window
 * @param superseded superseded failures in the window (always 0 for incidents)
 * @param flakyExcluded resolved incidents left out because they recovered faster than the flaky
 *     threshold (deployment pairing only; always 0 for incidents)
 * @param sampleSize recoveries used for the statistics: {@code resolved - flakyExcluded}
 * @param minSample the minimum sample that was required
 * @param median the median recovery time, or null when data is insufficient
 * @param p90 the 90th percentile, or null when data is insufficient
 * @param level the level of the median, or null when data is insufficient
 */
public record MttrResult(
    MttrSource source,
    MttrStatus status,
    int resolved,
    int open,
    int superseded,
    int flakyExcluded,
    int sampleSize,
    int minSample,
    @Nullable Duration median,
    @Nullable Duration p90,
    @Nullable DoraLevel level) {

  /**
   * Validates that the statistics are present exactly when the data is sufficient.
   *
   * @throws IllegalArgumentException if counts are negative or statistics contradict the status
   */
  public MttrResult {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(status, "status");
    if (resolved < 0
        || open < 0
        || superseded < 0
        || flakyExcluded < 0
        || sampleSize != resolved - flakyExcluded) {
      throw new IllegalArgumentException(
          "inconsistent counts: resolved="
              + resolved
              + " open="
              + open
              + " superseded="
              + superseded
              + " flakyExcluded="
              + flakyExcluded
              + " sampleSize="
              + sampleSize);
    }
    boolean sufficient = sampleSize >= minSample;
    if ((status == MttrStatus.SUFFICIENT) != sufficient
        || sufficient != (median != null)
        || sufficient != (p90 != null)
        || sufficient != (level != null)) {
      throw new IllegalArgumentException(
          "status "
              + status
              + " contradicts sampleSize "
              + sampleSize
              + " / minSample "
              + minSample
              + " or the statistics present");
    }
  }
}
