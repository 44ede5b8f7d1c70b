package dev.pulse.progress;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The item counter of one scope: a striped counter that ticks add to without a lock between folds,
 * the time of the last tick, and the count frozen when a run finishes.
 *
 * <p>{@link #tryTick} is lock-free and may be called from any thread. Every other method is called
 * under the owning {@link ScopeProgress}'s lock, which orders them.
 */
final class RunCounter {
  /** Ticks closer together than this do not update the last-tick time again. */
  static final long TICK_GRANULARITY_NANOS = 1_000_000L;

  /**
   * How often a busy scope leaves the lock-free path to fold its count into the rate and check
   * whether a write is due.
   */
  static final long FOLD_INTERVAL_NANOS = 250_000_000L;

  // One counter per run, replaced (never reset) when a finished scope starts a new run, so a late
  // tick of the old run, which read the old counter, can never land in the new one.
  private volatile LongAdder done = new LongAdder();
  private volatile boolean fast;
  private volatile long slowDeadlineNanos;
  // Only ever moves forward: the lock-free path raises it at most once per TICK_GRANULARITY_NANOS,
  // the locked path exactly.
  private final AtomicLong lastTickNanos;
  // Guarded by the owner's lock.
  private boolean frozen;
  private long finalCount;

  RunCounter(long nowNanos) {
    this.lastTickNanos = new AtomicLong(nowNanos);
  }

  /**
   * Adds the items without a lock if the run is armed and its fold deadline has not passed.
   *
   * @return false if the caller must take the lock and tick the slow way
   */
  boolean tryTick(long items, long nowNanos) {
    // Read the run's counter before the flag: a tick that saw the flag of a new run (written after
    // its counter) sees that run's counter, and a tick of the old run adds to the old counter,
    // which the finished run no longer reads. A tick racing with freeze() is thus either in the
    // final count or ignored.
    LongAdder counter = done;
    if (!fast || nowNanos - slowDeadlineNanos >= 0) {
      return false;
    }
    counter.add(items);
    long last = lastTickNanos.get();
    while (nowNanos - last >= TICK_GRANULARITY_NANOS) {
      if (lastTickNanos.compareAndSet(last, nowNanos)) {
        break;
      }
      last = lastTickNanos.get();
    }
    return true;
  }

  /** Adds items on the locked path. */
  void add(long items) {
    done.add(items);
  }

  /** Moves the last-tick time forward to {@code nowNanos}, never back. */
  void advanceLastTick(long nowNanos) {
    long last = lastTickNanos.get();
    while (nowNanos - last > 0 && !lastTickNanos.compareAndSet(last, nowNanos)) {
      last = lastTickNanos.get();
    }
  }

  /** Sets the last-tick time at the start of a run. */
  void resetLastTick(long nowNanos) {
    lastTickNanos.set(nowNanos);
  }

  long lastTickNanos() {
    return lastTickNanos.get();
  }

  /** Opens the lock-free path until the next fold, or closes it when the run is not running. */
  void rearm(long nowNanos, boolean running) {
    slowDeadlineNanos = nowNanos + FOLD_INTERVAL_NANOS;
    fast = running;
  }

  /**
   * Closes the lock-free path and freezes the count: ticks still adding to the counter are ignored.
   *
   * @return the final count
   */
  long freeze() {
    fast = false;
    finalCount = done.sum();
    frozen = true;
    return finalCount;
  }

  /**
   * Starts the counter of a new run at 0; late ticks of the finished run keep their own counter.
   */
  void newRun() {
    done = new LongAdder();
    finalCount = 0;
    frozen = false;
  }

  /** Returns the live count, or the frozen one once the run has finished. */
  long count() {
    return frozen ? finalCount : done.sum();
  }
}
