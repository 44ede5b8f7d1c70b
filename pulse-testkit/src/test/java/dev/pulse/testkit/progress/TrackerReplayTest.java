package dev.pulse.testkit.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ScopeKey;
import dev.pulse.progress.ProgressSnapshot;
import dev.pulse.progress.ProgressTracker;
import dev.pulse.progress.ScopeProgress;
import dev.pulse.progress.TimeDecayedRateEstimator;
import dev.pulse.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The harness scores the bare estimator; this checks the tracker reports exactly what that
 * estimator says.
 */
final class TrackerReplayTest {
  @Test
  void replay_pauseThenResumeTrace_trackerEtaMatchesEstimator() {
    assertTrue(replay(Traces.pauseThenResume(Traces.DEFAULT_SEED + 5)) >= 500);
  }

  @Test
  void replay_slowFirstPageTrace_trackerEtaMatchesEstimator() {
    // The first tick comes ~100 s after start(): the tracker must book that wait as the estimator
    // does.
    assertTrue(replay(Traces.slowFirstPage(Traces.DEFAULT_SEED + 10)) >= 61);
  }

  /** Replays a trace through a tracker and the bare estimator, comparing after every batch. */
  private static int replay(Trace trace) {
    FakeClock clock = new FakeClock();
    ProgressTracker tracker = ProgressTracker.builder().clock(clock).build();
    ScopeProgress progress =
        tracker.start(
            "acme", EntityType.ISSUES, ScopeKey.parse("jira:project:BG"), trace.estimate());
    TimeDecayedRateEstimator estimator = new TimeDecayedRateEstimator();
    estimator.start(0, 0);
    long estimate = trace.estimate().value();
    long now = 0;
    long done = 0;
    int compared = 0;
    for (TraceEvent event : trace.events()) {
      clock.advance(Duration.ofNanos(event.atNanos() - now));
      now = event.atNanos();
      if (event instanceof TraceEvent.Pause) {
        progress.pause();
        estimator.pause(now);
      } else if (event instanceof TraceEvent.Resume) {
        progress.resume();
        estimator.resume(now);
      } else if (event instanceof TraceEvent.Batch batch) {
        done += batch.items();
        progress.tick(batch.items());
        estimator.record(now, done);
        ProgressSnapshot snapshot = progress.snapshot();
        Double expected = estimator.etaSeconds(now, done, estimate);
        assertEquals(estimator.itemsPerSecond(), snapshot.itemsPerSecond(), 1e-9);
        assertEquals(expected == null ? null : Math.round(expected), snapshot.etaSeconds());
        compared++;
      }
    }
    return compared;
  }
}
