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
    assertEquals(16, Traces.standard().size());
    assertTrue(Traces.standard().stream().allMatch(t -> t.totalItems() > 0));
  }

  /** The items per second over {@code [from, to)} of a trace's batches. */
  private static double rate(List<TraceEvent> events, long from, long to) {
    long items = 0;
    for (TraceEvent event : events) {
      if (event instanceof TraceEvent.Batch batch
          && batch.atNanos() >= from
          && batch.atNanos() < to) {
        items += batch.items();
      }
    }
    return items * 1e9 / (to - from);
  }

  @Test
  void slowTail_everySeed_lastItemsAboutFiveTimesSlower() {
    for (long seed = 0; seed < 15; seed++) {
      Trace trace = Traces.slowTail(seed);
      long end = trace.endNanos();
      double head = rate(trace.events(), 0, 1200 * SECOND);
      double tail = rate(trace.events(), end - 1200 * SECOND, end + 1);

      assertEquals(5.0, head / tail, 1.0, trace.name() + " seed " + seed);
    }
  }

  @Test
  void driftingRate_everySeed_rateHalvesAndDoublesOverHours() {
    for (long seed = 0; seed < 15; seed++) {
      Trace trace = Traces.driftingRate(seed);
      double fastest = 0;
      double slowest = Double.MAX_VALUE;
      for (long from = 0; from + 1800 * SECOND <= trace.endNanos(); from += 1800 * SECOND) {
        double rate = rate(trace.events(), from, from + 1800 * SECOND);
        fastest = Math.max(fastest, rate);
        slowest = Math.min(slowest, rate);
      }

      assertTrue(trace.endNanos() > 4 * 3600 * SECOND, trace.name() + " lasts hours");
      assertTrue(fastest > 2.5 * slowest, fastest + " vs " + slowest + ", seed " + seed);
    }
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
