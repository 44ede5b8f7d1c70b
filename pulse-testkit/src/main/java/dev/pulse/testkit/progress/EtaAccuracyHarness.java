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
 * <p>The ETA is read right after each batch and at every poll between batches ({@value
 * #POLL_SECONDS} s apart on the trace's clock), as a status page polled during ingestion would see
 * it, through {@link ProgressEstimator#etaSeconds(long, long, Long)} as of that time, and is
 * compared with the time actually left until the trace's last batch. Polls during a deliberate
 * pause are not scored (a paused run has no meaningful ETA). Reported waits ({@link
 * TraceEvent.Wait}) are passed to {@link ProgressEstimator#beginWait}; estimators that ignore them
 * see a long gap. Only samples between 10% and 90% of the true total count: before, no estimator
 * has data; after, every error is a large fraction of a small number. Traces without a pre-flight
 * count are scored on the ETA implied by the true total, so the rate is still judged; {@link
 * EtaScore#etaWithheldWhenUnknown()} records whether the estimator itself correctly gave none.
 *
 * <p>Stateless and thread-safe; the estimator supplier must return a fresh estimator per call.
 */
public final class EtaAccuracyHarness {
  /** Seconds between two polls of the ETA between batches. */
  public static final int POLL_SECONDS = 5;

  private static final double NANOS_PER_SECOND = 1e9;
  private static final long POLL_NANOS = POLL_SECONDS * 1_000_000_000L;

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
    Scoring scoring = new Scoring(trace, estimator);
    estimator.start(0, 0);
    long nextPoll = POLL_NANOS;
    boolean paused = false;
    for (TraceEvent event : trace.events()) {
      long at = event.atNanos();
      for (; nextPoll < at; nextPoll += POLL_NANOS) {
        if (!paused) {
          scoring.sample(nextPoll);
        }
      }
      if (event instanceof TraceEvent.Pause) {
        estimator.pause(at);
        paused = true;
      } else if (event instanceof TraceEvent.Resume) {
        estimator.resume(at);
        paused = false;
      } else if (event instanceof TraceEvent.Wait wait) {
        estimator.beginWait(at, wait.resumeAtNanos());
      } else if (event instanceof TraceEvent.Revise revise) {
        scoring.estimate = revise.estimate().isKnown() ? revise.estimate().value() : null;
      } else if (event instanceof TraceEvent.Batch batch) {
        scoring.done += batch.items();
        estimator.record(at, scoring.done);
        scoring.sample(at);
      }
    }
    return new EtaScore(
        trace.name(),
        100 * median(scoring.errors),
        100 * median(scoring.moves),
        scoring.errors.size(),
        scoring.withheld);
  }

  /** The running state of one replay. */
  private static final class Scoring {
    private final ProgressEstimator estimator;
    private final long total;
    private final long end;
    private final List<Double> errors = new ArrayList<>();
    private final List<Double> moves = new ArrayList<>();
    private @Nullable Long estimate;
    private long done;
    private boolean withheld = true;
    private double previousEta = Double.NaN;
    private long previousAt;

    Scoring(Trace trace, ProgressEstimator estimator) {
      this.estimator = estimator;
      this.total = trace.totalItems();
      this.end = trace.endNanos();
      this.estimate = trace.estimate().isKnown() ? trace.estimate().value() : null;
    }

    void sample(long now) {
      double progress = (double) done / total;
      if (progress < 0.1 || progress > 0.9) {
        return;
      }
      @Nullable Double eta = estimator.etaSeconds(now, done, estimate);
      if (estimate == null) {
        withheld &= eta == null;
        eta = estimator.etaSeconds(now, done, total);
      }
      double actual = (end - now) / NANOS_PER_SECOND;
      if (actual <= 0) {
        return;
      }
      errors.add(eta == null ? 1.0 : Math.abs(eta - actual) / actual);
      if (eta != null && !Double.isNaN(previousEta)) {
        double elapsed = (now - previousAt) / NANOS_PER_SECOND;
        moves.add(Math.abs(eta - previousEta + elapsed) / actual);
      }
      previousEta = eta == null ? Double.NaN : eta;
      previousAt = now;
    }
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
