package dev.pulse.testkit.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ItemCount;
import dev.pulse.progress.ProgressEstimator;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

final class EtaAccuracyHarnessTest {
  private static final long SECOND = 1_000_000_000L;

  /** Knows the true rate of a constant trace, and counts down between batches. */
  private static class Oracle implements ProgressEstimator {
    private final double rate;
    private long lastNanos;

    Oracle(double rate) {
      this.rate = rate;
    }

    @Override
    public void start(long nanos, long itemsDone) {
      lastNanos = nanos;
    }

    @Override
    public void record(long nanos, long itemsDone) {
      lastNanos = nanos;
    }

    @Override
    public double itemsPerSecond() {
      return rate;
    }

    @Override
    public @org.jspecify.annotations.Nullable Double etaSeconds(
        long nowNanos, long itemsDone, @org.jspecify.annotations.Nullable Long itemsEstimate) {
      Double eta = etaSeconds(itemsDone, itemsEstimate);
      return eta == null ? null : eta - (nowNanos - lastNanos) / 1e9;
    }
  }

  private static Trace constant(ItemCount estimate) {
    List<TraceEvent> events = new java.util.ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      events.add(new TraceEvent.Batch(10L * i * SECOND, 100));
    }
    return new Trace("constant", "100 items every 10 s", estimate, events);
  }

  @Test
  void score_exactEstimator_zeroErrorAndVolatility() {
    EtaScore score =
        EtaAccuracyHarness.score(constant(ItemCount.exact(10_000)), () -> new Oracle(10));

    assertEquals(0.0, score.errorPct(), 1e-9);
    assertEquals(0.0, score.volatilityPct(), 1e-9);
    // 81 batches between 10% and 90% of the total, and two polls (5 s apart) in each gap after one.
    assertEquals(81 + 2 * 81, score.samples());
  }

  @Test
  void score_frozenBetweenBatches_pollsCountTheFreeze() {
    EtaScore frozen =
        EtaAccuracyHarness.score(
            constant(ItemCount.exact(10_000)),
            () ->
                new Oracle(10) {
                  @Override
                  public Double etaSeconds(
                      long nowNanos,
                      long itemsDone,
                      @org.jspecify.annotations.Nullable Long itemsEstimate) {
                    return etaSeconds(itemsDone, itemsEstimate);
                  }
                });

    assertTrue(frozen.volatilityPct() > 0, frozen.toString());
  }

  @Test
  void score_reportedWait_passedToEstimatorAndDroppedByWithoutWaits() {
    Trace trace = Traces.rateBudget(1);
    int[] waits = new int[1];
    Supplier<ProgressEstimator> counting =
        () ->
            new Oracle(10) {
              @Override
              public void beginWait(long nanos, long resumeAtNanos) {
                waits[0]++;
              }
            };

    EtaAccuracyHarness.score(trace, counting);
    int reported = waits[0];
    EtaAccuracyHarness.score(trace.withoutWaits("unreported"), counting);

    assertTrue(trace.reportsWaits());
    assertTrue(reported >= 4, "waits: " + reported);
    assertEquals(reported, waits[0]);
    assertFalse(trace.withoutWaits("unreported").reportsWaits());
  }

  @Test
  void score_rateTwiceTooHigh_halfTheRemainingTimeWrong() {
    EtaScore score =
        EtaAccuracyHarness.score(constant(ItemCount.exact(10_000)), () -> new Oracle(20));

    assertEquals(50.0, score.errorPct(), 1e-9);
  }

  @Test
  void score_unknownTotalEstimatorThatGuesses_flagged() {
    ProgressEstimator guessing =
        new Oracle(10) {
          @Override
          public Double etaSeconds(
              long itemsDone, @org.jspecify.annotations.Nullable Long itemsEstimate) {
            return 1.0;
          }
        };
    EtaScore score = EtaAccuracyHarness.score(constant(ItemCount.unknown()), () -> guessing);

    assertFalse(score.etaWithheldWhenUnknown());
  }

  @Test
  void traces_sameSeed_identical() {
    assertEquals(Traces.standard(7), Traces.standard(7));
    assertEquals(14, Traces.standard().size());
    assertTrue(Traces.standard().stream().allMatch(t -> t.totalItems() > 0));
  }

  @Test
  void trace_outOfOrderEvents_rejected() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Trace(
                "bad",
                "",
                ItemCount.unknown(),
                List.of(new TraceEvent.Batch(2, 1), new TraceEvent.Batch(1, 1))));
  }
}
