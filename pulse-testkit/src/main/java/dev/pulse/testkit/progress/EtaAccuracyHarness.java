package dev.pulse.testkit.progress;

import dev.pulse.progress.ProgressEstimator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Replays {@link Trace traces} through a {@link ProgressEstimator} and scores its ETA.
 *
 * <p>The ETA is read right after each batch, as a status endpoint polled during ingestion would see
 * it, and is compared with the time actually left until the trace's last batch. Only batches
 * between 10% and 90% of the true total count: before, no estimator has data; after, every error is
 * a large fraction of a small number. Traces without a pre-flight count are scored on the ETA
 * implied by the true total, so the rate is still judged; {@link EtaScore#etaWithheldWhenUnknown()}
 * records whether the estimator itself correctly gave none.
 *
 * <p>Stateless and thread-safe; the estimator supplier must return a fresh estimator per call.
 */
public final class EtaAccuracyHarness {
  private static final double NANOS_PER_SECOND = 1e9;

  private EtaAccuracyHarness() {}

  /**
   * Scores one estimator on one trace.
   *
   * @param trace the trace
   * @param estimators supplies a fresh estimator
   * @return the score
   */
  public static EtaScore score(Trace trace, Supplier<? extends ProgressEstimator> estimators) {
    Objects.requireNonNull(trace, "trace");
    ProgressEstimator estimator = Objects.requireNonNull(estimators.get(), "estimator");
    long total = trace.totalItems();
    long end = trace.endNanos();
    @Nullable Long estimate = trace.estimate().isKnown() ? trace.estimate().value() : null;
    boolean withheld = true;
    List<Double> errors = new ArrayList<>();
    List<Double> moves = new ArrayList<>();
    double previousEta = Double.NaN;
    long previousAt = 0;
    long done = 0;
    estimator.start(0, 0);
    for (TraceEvent event : trace.events()) {
      if (event instanceof TraceEvent.Pause) {
        estimator.pause(event.atNanos());
      } else if (event instanceof TraceEvent.Resume) {
        estimator.resume(event.atNanos());
      } else if (event instanceof TraceEvent.Revise revise) {
        estimate = revise.estimate().isKnown() ? revise.estimate().value() : null;
      } else if (event instanceof TraceEvent.Batch batch) {
        done += batch.items();
        estimator.record(batch.atNanos(), done);
        double progress = (double) done / total;
        if (progress < 0.1 || progress > 0.9) {
          continue;
        }
        @Nullable Double eta = estimator.etaSeconds(done, estimate);
        if (estimate == null) {
          withheld &= eta == null;
          eta = estimator.etaSeconds(done, total);
        }
        double actual = (end - batch.atNanos()) / NANOS_PER_SECOND;
        if (actual <= 0) {
          continue;
        }
        errors.add(eta == null ? 1.0 : Math.abs(eta - actual) / actual);
        if (eta != null && !Double.isNaN(previousEta)) {
          double elapsed = (batch.atNanos() - previousAt) / NANOS_PER_SECOND;
          moves.add(Math.abs(eta - previousEta + elapsed) / actual);
        }
        previousEta = eta == null ? Double.NaN : eta;
        previousAt = batch.atNanos();
      }
    }
    return new EtaScore(
        trace.name(), 100 * median(errors), 100 * median(moves), errors.size(), withheld);
  }

  /**
   * Renders a markdown table of error and volatility per trace for several estimators.
   *
   * @param traces the traces, one row each
   * @param estimators the estimators by column name, in column order
   * @return the table, ending with a newline
   */
  public static String markdownTable(
      List<Trace> traces, Map<String, ? extends Supplier<? extends ProgressEstimator>> estimators) {
    StringBuilder out = new StringBuilder("| Trace |");
    StringBuilder rule = new StringBuilder("|---|");
    for (String name : estimators.keySet()) {
      out.append(' ').append(name).append(" error % | ").append(name).append(" volatility % |");
      rule.append("---:|---:|");
    }
    out.append('\n').append(rule).append('\n');
    for (Trace trace : traces) {
      out.append("| ").append(trace.name()).append(" |");
      for (Supplier<? extends ProgressEstimator> supplier : estimators.values()) {
        EtaScore score = score(trace, supplier);
        out.append(
            String.format(Locale.ROOT, " %.1f | %.1f |", score.errorPct(), score.volatilityPct()));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
