package dev.pulse.connectors.internal;

import dev.pulse.PulseClock;
import dev.pulse.spi.FetchContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The rate limiter of one credential: every request made with that credential, from every scope and
 * thread, passes {@link #acquire()} first.
 *
 * <p>Two things hold a request back: a block set when the source answered "slow down" (429, a 503
 * with {@code Retry-After}, a reset time; see {@link #blockFor(Duration)}), which lasts until the
 * time the source named, and an optional steady pace of at most {@code permitsPerSecond} requests.
 * Share one instance between all clients that use the same token: the vendor counts per token, not
 * per scope. Thread-safe; waiting goes through the injected {@link Sleeper} and {@link PulseClock}.
 *
 * <p>A request held back by a block reports the wait to the {@link FetchContext} of the fetch it
 * belongs to ({@code waiting} before it sleeps, {@code resumed} once the block is over), so the
 * scope's progress shows rate-limited with the resume time instead of stalled. Every connector
 * built on {@link JsonHttp} inherits this; outside a fetch the report goes nowhere. The steady pace
 * is not reported: its waits are short and part of the source's normal speed.
 */
public final class RateLimiter {
  private final PulseClock clock;
  private final Sleeper sleeper;
  private final long intervalNanos;
  private long blockedUntilNanos;
  private long blockedUntilWallMillis;
  private boolean blocked;
  private long nextSlotNanos;
  private boolean paced;

  /**
   * Creates a limiter.
   *
   * @param clock the clock that measures waits
   * @param sleeper how to wait
   * @param permitsPerSecond the steady pace, or 0 for none (only the source's signals hold back)
   * @throws IllegalArgumentException if {@code permitsPerSecond} is negative or not finite
   */
  public RateLimiter(PulseClock clock, Sleeper sleeper, double permitsPerSecond) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    if (!(permitsPerSecond >= 0) || Double.isInfinite(permitsPerSecond)) {
      throw new IllegalArgumentException(
          "permitsPerSecond must be >= 0 and finite but was " + permitsPerSecond);
    }
    this.intervalNanos = permitsPerSecond == 0 ? 0 : (long) (1_000_000_000L / permitsPerSecond);
  }

  /**
   * Waits until a request may be sent: past any block, then at the next paced slot.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void acquire() throws InterruptedException {
    Instant reported = null;
    try {
      while (true) {
        long wait;
        Instant blockedUntil = null;
        synchronized (this) {
          long now = clock.monotonicNanos();
          if (blocked && now - blockedUntilNanos < 0) {
            wait = blockedUntilNanos - now;
            blockedUntil = Instant.ofEpochMilli(blockedUntilWallMillis);
          } else {
            blocked = false;
            if (intervalNanos == 0) {
              return;
            }
            if (!paced || now - nextSlotNanos >= 0) {
              paced = true;
              nextSlotNanos = now + intervalNanos;
              return;
            }
            wait = nextSlotNanos - now;
          }
        }
        // Reported outside the lock: the report reaches progress stores, which may be slow.
        if (blockedUntil != null && !blockedUntil.equals(reported)) {
          FetchContext.current().waiting(blockedUntil, "rate limited");
          reported = blockedUntil;
        }
        sleeper.sleep(Duration.ofNanos(wait));
      }
    } finally {
      if (reported != null) {
        FetchContext.current().resumed();
      }
    }
  }

  /**
   * Holds every request of this credential back for the duration, unless a longer block is already
   * in force.
   *
   * @param duration how long the source asked to wait, zero or positive
   * @return the wall time at which requests resume
   */
  public synchronized Instant blockFor(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    long now = clock.monotonicNanos();
    long until = now + Math.max(0, duration.toNanos());
    if (!blocked || until - blockedUntilNanos > 0) {
      blocked = true;
      blockedUntilNanos = until;
      blockedUntilWallMillis = clock.wallTimeMillis() + Math.max(0, duration.toMillis());
    }
    return Instant.ofEpochMilli(blockedUntilWallMillis);
  }

  /**
   * Returns when a block in force ends.
   *
   * @return the wall time requests resume, or null when not blocked
   */
  public synchronized @Nullable Instant resumeAt() {
    if (!blocked || clock.monotonicNanos() - blockedUntilNanos >= 0) {
      return null;
    }
    return Instant.ofEpochMilli(blockedUntilWallMillis);
  }

  @Override
  public String toString() {
    return "RateLimiter[interval=" + Duration.ofNanos(intervalNanos) + "]";
  }
}
