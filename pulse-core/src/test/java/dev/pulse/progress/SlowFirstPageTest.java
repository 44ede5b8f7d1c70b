package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.EntityType;
import dev.pulse.ItemCount;
import dev.pulse.ScopeKey;
import dev.pulse.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, item 9: the first batch of a scope arriving more than the stall floor after its start
 * had the whole wait booked as 60 s, so 1,000 items after 100 s gave 16.7/s and an ETA 40% short.
 */
final class SlowFirstPageTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void record_firstBatchAfterMoreThanTheStallFloor_wholeWaitIsRunningTime() {
    TimeDecayedRateEstimator estimator = new TimeDecayedRateEstimator();
    estimator.start(0, 0);

    estimator.record(100 * SECOND, 1_000);

    assertEquals(10.0, estimator.itemsPerSecond(), 1e-9);
    assertEquals(100.0, estimator.etaSeconds(1_000, 2_000L), 1e-9);
  }

  @Test
  void record_laterBatchesAtTheSameRate_rateStaysTrue() {
    TimeDecayedRateEstimator estimator = new TimeDecayedRateEstimator();
    estimator.start(0, 0);
    estimator.record(100 * SECOND, 1_000);

    for (int i = 1; i <= 10; i++) {
      estimator.record((100 + 10 * i) * SECOND, 1_000 + 100 * i);
    }

    assertEquals(10.0, estimator.itemsPerSecond(), 1e-9);
  }

  @Test
  void record_stallAfterTheFirstItems_stillExcluded() {
    TimeDecayedRateEstimator estimator = new TimeDecayedRateEstimator();
    estimator.start(0, 0);
    estimator.record(100 * SECOND, 1_000);

    // A 20-minute silence once a rate is known is a stall: booked at the last healthy rate.
    estimator.record(1_300 * SECOND, 2_000);

    assertEquals(10.0, estimator.itemsPerSecond(), 1e-9);
  }

  @Test
  void snapshot_firstTickAfter100Seconds_rateAndEtaOfTheWholeWait() {
    FakeClock clock = new FakeClock();
    ProgressTracker tracker = ProgressTracker.builder().clock(clock).build();
    ScopeProgress progress =
        tracker.start(
            "acme", EntityType.ISSUES, ScopeKey.parse("jira:project:BG"), ItemCount.exact(2_000));
    clock.advance(Duration.ofSeconds(100));

    progress.tick(1_000);

    ProgressSnapshot snapshot = progress.snapshot();
    assertEquals(10.0, snapshot.itemsPerSecond(), 1e-9);
    assertEquals(100L, snapshot.etaSeconds());
  }

  @Test
  void record_smallSlowFirstPage_countsAsStartUpOnceLaterBatchesOutweighIt() {
    // Issue 13: 50 items after 100 s, then 10 items/s. Booked in full, the first page would keep
    // the rate near 5/s for minutes; once later batches have delivered as many items, its wait is
    // a start-up cost and the rate is the later one.
    TimeDecayedRateEstimator estimator = new TimeDecayedRateEstimator();
    estimator.start(0, 0);
    estimator.record(100 * SECOND, 50);

    for (int i = 1; i <= 10; i++) {
      estimator.record((100 + i) * SECOND, 50 + 10 * i);
    }

    assertEquals(10.0, estimator.itemsPerSecond(), 1e-6);
    assertEquals(100.0, estimator.etaSeconds(150, 1_150L), 1e-6);
  }

  @Test
  void record_laterGapAsLongAsTheFirstPage_startUpCostGivenBack() {
    // Session 24: on a source whose gaps simply vary, a slow first page followed by four quick
    // batches looked like a start-up cost, and its time stayed out of the rate for the whole run.
    // Its excess is at most its wait beyond the longest later gap, also after settling.
    TimeDecayedRateEstimator estimator = new TimeDecayedRateEstimator();
    estimator.start(0, 0);
    estimator.record(36 * SECOND, 500);
    for (int i = 1; i <= 4; i++) {
      estimator.record((36 + 2 * i) * SECOND, 500 + 1_000 * i);
    }
    // 34 s of the first page's 36 s (beyond the longest later gap, 2 s) are a start-up cost.
    assertEquals(4_500 / 10.0, estimator.itemsPerSecond(), 1e-6);

    estimator.record(64 * SECOND, 5_500);
    // A 20 s gap: only the first page's 16 s beyond it stay out.
    assertEquals(5_500 / 48.0, estimator.itemsPerSecond(), 1e-6);

    estimator.record(104 * SECOND, 6_500);
    // A 40 s gap, longer than the first page's: the rate is the average since the start.
    assertEquals(6_500 / 104.0, estimator.itemsPerSecond(), 1e-6);
  }

  @Test
  void tracker_smallSlowFirstPage_notStalledBeforeItAndRateRecovers() {
    FakeClock clock = new FakeClock();
    ProgressTracker tracker = ProgressTracker.builder().clock(clock).build();
    ScopeProgress progress =
        tracker.start(
            "acme", EntityType.ISSUES, ScopeKey.parse("jira:project:BG"), ItemCount.exact(3_050));

    clock.advance(Duration.ofSeconds(100));
    assertEquals(ProgressStatus.RUNNING, progress.status());
    progress.tick(50);
    for (int i = 0; i < 20; i++) {
      clock.advance(Duration.ofSeconds(1));
      progress.tick(10);
    }

    ProgressSnapshot snapshot = progress.snapshot();
    assertEquals(10.0, snapshot.itemsPerSecond(), 1e-6);
    assertEquals(280L, snapshot.etaSeconds());
  }
}
