package dev.pulse.progress;

import dev.pulse.PulseClock;
import dev.pulse.internal.Redaction;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts progress-store failures and logs at most one warning per interval, with the number
 * suppressed.
 */
final class FailureLog {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressTracker.class);

  private final PulseClock clock;
  private final long intervalNanos;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong suppressed = new AtomicLong();
  private final AtomicLong nextLogNanos;

  FailureLog(PulseClock clock, long intervalNanos) {
    this.clock = clock;
    this.intervalNanos = intervalNanos;
    this.nextLogNanos = new AtomicLong(clock.monotonicNanos());
  }

  void failed(String operation, Object scope, RuntimeException error) {
    failures.incrementAndGet();
    long now = clock.monotonicNanos();
    long next = nextLogNanos.get();
    if (now - next >= 0 && nextLogNanos.compareAndSet(next, now + intervalNanos)) {
      long skipped = suppressed.getAndSet(0);
      LOG.warn(
          "Progress store failed to {} {}; ingestion continues and failed writes are retried"
              + " ({} similar failures suppressed since the last warning): {}",
          operation,
          scope,
          skipped,
          Redaction.describe(error, 500));
    } else {
      suppressed.incrementAndGet();
    }
  }

  long failures() {
    return failures.get();
  }

  long suppressed() {
    return suppressed.get();
  }
}
