package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class TimeDecayedRateEstimatorTest {
  private static final long SECOND = 1_000_000_000L;

  private final TimeDecayedRateEstimator estimator = new TimeDecayedRateEstimator();

  @Test
  void itemsPerSecond_beforeAnyBatch_zeroAndNoEta() {
    estimator.start(0, 0);

    assertEquals(0.0, estimator.itemsPerSecond());
    assertNull(estimator.etaSeconds(0, 100L));
  }

  @Test
  void itemsPerSecond_unevenBatches_weightedByTimeNotEvents() {
    estimator.start(0, 0);
    estimator.record(1 * SECOND, 10);
    estimator.record(100 * SECOND, 1_000);

    // 1,000 items over 100 s; an average of per-batch rates would give (10 + 10) / 2 = 10 as well,
    // so check
    // a case where they differ: a burst of 5,000 items after 1 s.
    estimator.record(101 * SECOND, 6_000);
    double rate = estimator.itemsPerSecond();
    assertTrue(rate > 55 && rate < 65, "rate " + rate);
  }

  @Test
  void etaSeconds_unknownTotal_null() {
    estimator.start(0, 0);
    estimator.record(10 * SECOND, 100);

    assertNull(estimator.etaSeconds(100, null));
    assertEquals(10.0, estimator.itemsPerSecond(), 1e-9);
  }

  @Test
  void etaSeconds_revisedEstimate_movesByRevisionOverRate() {
    estimator.start(0, 0);
    estimator.record(10 * SECOND, 100);
    double before = java.util.Objects.requireNonNull(estimator.etaSeconds(100, 1_000L));
    double after = java.util.Objects.requireNonNull(estimator.etaSeconds(100, 1_300L));

    assertEquals(300 / estimator.itemsPerSecond(), after - before, 1e-9);
  }

  @Test
  void etaSeconds_pastEstimate_extrapolatesTheOverrun() {
    estimator.start(0, 0);
    for (int i = 1; i <= 100; i++) {
      estimator.record(i * SECOND, i * 10L);
    }

    // 1,000 items at 10 items/s. At the estimate the ETA is 0; 200 items past it, as many again
    // are expected (20 s): the run is not over, and the overrun so far is the only evidence of how
    // wrong the estimate was. The ETA grows with the overrun, without a step.
    assertEquals(0.0, estimator.etaSeconds(1_000, 1_000L));
    assertEquals(20.0, estimator.etaSeconds(1_000, 800L), 1e-9);
    assertEquals(0.1, estimator.etaSeconds(1_000, 999L), 1e-9);
    assertEquals(0.1, estimator.etaSeconds(1_000, 1_001L), 1e-9);
  }

  @Test
  void record_afterPause_pausedTimeExcluded() {
    estimator.start(0, 0);
    estimator.record(10 * SECOND, 100);
    estimator.pause(10 * SECOND);
    estimator.resume(3_610 * SECOND);
    estimator.record(3_620 * SECOND, 200);

    assertEquals(10.0, estimator.itemsPerSecond(), 1e-9);
  }

  @Test
  void record_afterStall_rateKeptAtLastHealthyRate() {
    estimator.start(0, 0);
    for (int i = 1; i <= 30; i++) {
      estimator.record(10L * i * SECOND, i * 100L);
    }
    estimator.record(3_000 * SECOND, 3_100);

    assertEquals(10.0, estimator.itemsPerSecond(), 1e-6);
  }

  @Test
  void stallThreshold_fewGaps_floorThenAdaptive() {
    estimator.start(0, 0);
    assertEquals(60 * SECOND, estimator.stallThresholdNanos());

    for (int i = 1; i <= 10; i++) {
      estimator.record(100L * i * SECOND, i);
    }
    assertEquals(300 * SECOND, estimator.stallThresholdNanos());
  }

  @Test
  void record_rateShift_followedWithinAFewMinutes() {
    estimator.start(0, 0);
    long t = 0;
    long done = 0;
    for (int i = 0; i < 360; i++) {
      t += 10 * SECOND;
      done += 100;
      estimator.record(t, done);
    }
    for (int i = 0; i < 60; i++) {
      t += 10 * SECOND;
      done += 300;
      estimator.record(t, done);
    }

    assertEquals(30.0, estimator.itemsPerSecond(), 3.0);
  }

  @Test
  void constructor_badArguments_rejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new TimeDecayedRateEstimator(Duration.ZERO, 3, Duration.ofSeconds(60)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new TimeDecayedRateEstimator(Duration.ofMinutes(1), 0.5, Duration.ofSeconds(60)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new TimeDecayedRateEstimator(Duration.ofMinutes(1), 3, Duration.ofSeconds(-1)));
  }

  @Test
  void stallThresholdNanos_afterOneLongStall_notInflatedByTheStallGap() {
    estimator.start(0, 0);
    long t = 0;
    long done = 0;
    for (int i = 0; i < 10; i++) {
      t += SECOND;
      done += 10;
      estimator.record(t, done);
    }
    t += 20 * 60 * SECOND;
    done += 10;
    estimator.record(t, done);

    // The 20-minute gap enters the window capped at the 60 s threshold it broke: at most 3 x 60 s,
    // not 3,600 s.
    assertTrue(
        estimator.stallThresholdNanos() <= 180 * SECOND,
        "threshold " + estimator.stallThresholdNanos());
    for (int i = 0; i < 20; i++) {
      t += SECOND;
      done += 10;
      estimator.record(t, done);
    }
    assertEquals(60 * SECOND, estimator.stallThresholdNanos());
  }

  @Test
  void stallThresholdNanos_sourceReallySlowsDown_stillAdapts() {
    estimator.start(0, 0);
    long t = 0;
    for (int i = 1; i <= 40; i++) {
      t += 100 * SECOND;
      estimator.record(t, i * 10L);
    }

    // Gaps of 100 s: the threshold climbs from the floor to 3 x 100 s.
    assertEquals(300 * SECOND, estimator.stallThresholdNanos());
  }
}
