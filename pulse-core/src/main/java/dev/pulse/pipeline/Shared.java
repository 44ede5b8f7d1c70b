package dev.pulse.pipeline;

import dev.pulse.PulseClock;
import dev.pulse.engine.IngestionListener;
import dev.pulse.spi.DeadLetterStore;
import dev.pulse.spi.WatermarkStore;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/** What every source of one pipeline shares: its stores, time, executor, limits and policies. */
record Shared(
    String pipeline,
    String tenant,
    PulseClock clock,
    WatermarkStore watermarks,
    DeadLetterStore deadLetters,
    IngestionListener engineListener,
    PipelineListener listener,
    PipelineTimer timer,
    RandomGenerator random,
    RetryPolicy retry,
    Executor executor,
    Dispatcher dispatcher,
    AtomicBoolean stopping,
    AtomicBoolean abandoning) {

  Duration backoff(RetryPolicy policy, int failedAttempts) {
    // RandomGenerator instances are not all thread-safe; retries are rare, so a lock is cheap.
    synchronized (random) {
      return policy.backoff(failedAttempts, random);
    }
  }

  Duration jitter(Duration max) {
    if (max.isZero()) {
      return Duration.ZERO;
    }
    double fraction;
    synchronized (random) {
      fraction = random.nextDouble();
    }
    return Duration.ofNanos((long) (Math.min(1.0, Math.max(0.0, fraction)) * max.toNanos()));
  }
}
