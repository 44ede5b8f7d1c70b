package dev.pulse.engine;

import java.time.Duration;

/**
 * How the engine waits out a source's rate limit before reading its next scope.
 *
 * <p>The engine calls {@link #pause} until its clock shows the resume time, so a pause may return
 * early; tests pass one that advances a {@link dev.pulse.testing.FakeClock} instead of sleeping.
 * The default pause (when none is set on {@link Ingestion.Builder#pauser}) sleeps and wakes up at
 * once on {@link Ingestion#cancel()}. Implementations are called from the thread running {@link
 * Ingestion#run()}.
 */
@FunctionalInterface
public interface Pauser {
  /**
   * Waits up to a duration.
   *
   * @param duration how long to wait at most, positive
   * @throws InterruptedException if the waiting thread is interrupted; the run is then cancelled
   */
  void pause(Duration duration) throws InterruptedException;
}
