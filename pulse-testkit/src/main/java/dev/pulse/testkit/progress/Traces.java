package dev.pulse.testkit.progress;

import dev.pulse.ItemCount;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The standard synthetic traces of the accuracy harness, generated from a fixed seed so every run
 * and every estimator sees exactly the same batches.
 *
 * <p>Times are in nanoseconds from the start of the run. Unless a trace says otherwise, batch sizes
 * and gaps vary by up to 20% around their nominal values, as pages of a real API do.
 */
public final class Traces {
  /** The seed used by {@link #standard()}. */
  public static final long DEFAULT_SEED = 20261122L;

  private static final long SECOND = 1_000_000_000L;

  private Traces() {}

  /**
   * Returns the standard traces generated from {@link #DEFAULT_SEED}.
   *
   * @return steady, bursty, slowdown, speed-up, pause-then-resume, long stall, estimate too low,
   *     estimate too high, unknown total, slow first page, rate budget, retry-after, retry-after
   *     unreported, small first page, slow tail and drifting rate, in that order (new families are
   *     appended, so the rows of earlier ones keep their place)
   */
  public static List<Trace> standard() {
    return standard(DEFAULT_SEED);
  }

  /**
   * Returns the standard traces generated from a seed.
   *
   * @param seed the seed; each trace derives its own generator from it
   * @return the traces in the order of {@link #standard()}
   */
  public static List<Trace> standard(long seed) {
    return List.of(
        steady(seed + 1),
        bursty(seed + 2),
        slowdown(seed + 3),
        speedUp(seed + 4),
        pauseThenResume(seed + 5),
        longStall(seed + 6),
        estimateTooLow(seed + 7),
        estimateTooHigh(seed + 8),
        unknownTotal(seed + 9),
        slowFirstPage(seed + 10),
        rateBudget(seed + 11),
        retryAfter(seed + 12),
        retryAfter(seed + 12).withoutWaits("retry-after unreported"),
        smallFirstPage(seed + 13),
        slowTail(seed + 14),
        driftingRate(seed + 15));
  }

  /**
   * 400 batches of about 1,000 items every 10 s, each varying by up to 10%; exact estimate.
   *
   * @param seed the random seed
   * @return the trace
   */
  public static Trace steady(long seed) {
    Gen gen = new Gen(seed);
    for (int i = 0; i < 400; i++) {
      gen.batch(gen.around(10.0, 0.1), Math.round(gen.around(1000, 0.1)));
    }
    return gen.trace("steady", "~1,000 items every ~10 s (±10%)", Estimate.EXACT);
  }

  /**
   * 500 batches of 50 to 5,000 items (uniform) at gaps of 1 to 45 s (log-uniform); exact estimate.
   *
   * @param seed the random seed
   * @return the trace
   */
  public static Trace bursty(long seed) {
    Gen gen = new Gen(seed);
    for (int i = 0; i < 500; i++) {
      gen.batch(gen.logUniform(1, 45), gen.uniform(50, 5000));
    }
    return gen.trace("bursty", "50..5,000 items per batch at 1..45 s gaps", Estimate.EXACT);
  }

  /**
   * 500 batches of ~1,000 items; gaps of ~8 s for the first 30% of batches, then ~20 s.
   *
   * @param seed the random seed
   * @return the trace
   */
  public static Trace slowdown(long seed) {
    Gen gen = new Gen(seed);
    for (int i = 0; i < 500; i++) {
      gen.batch(gen.around(i < 150 ? 8 : 20, 0.2), Math.round(gen.around(1000, 0.2)));
    }
    return gen.trace("slowdown", "rate drops 2.5x after 30% of the batches", Estimate.EXACT);
  }

  /**
   * 500 batches of ~1,000 items; gaps of ~20 s for the first 30% of batches, then ~8 s.
   *
   * @param seed the random seed
   * @return the trace
   */
  public static Trace speedUp(long seed) {
    Gen gen = new Gen(seed);
    for (int i = 0; i < 500; i++) {
      gen.batch(gen.around(i < 150 ? 20 : 8, 0.2), Math.round(gen.around(1000, 0.2)));
    }
    return gen.trace("speed-up", "rate rises 2.5x after 30% of the batches", Estimate.EXACT);
  }

  /**
   * 500 batches of 200 to 2,000 items at gaps of 2 to 30 s, paused for 30 minutes after 20% of the
   * batches.
   *
   * @param seed the random seed
   * @return the trace
   */
  public static Trace pauseThenResume(long seed) {
    Gen gen = new Gen(seed);
    for (int i = 0; i < 500; i++) {
      if (i == 100) {
        gen.pause(30 * 60);
      }
      gen.batch(gen.logUniform(2, 30), gen.uniform(200, 2000));
    }
    return gen.trace(
        "pause-then-resume",
        "200..2,000 items at 2..30 s gaps; 30 min pause at 20%",
        Estimate.EXACT);
  }

  /**
   * 500 batches of ~1,000 items every ~10 s with one 20-minute gap (no pause) after 20% of the
   * batches.
   *
   * @param seed the random seed
   * @return the trace
   */
  public static Trace longStall(long seed) {
    Gen gen = new Gen(seed);
    for (int i = 0; i < 500; i++) {
      double gap = i == 100 ? 20 * 60 : gen.around(10, 0.2);
      gen.batch(gap, Math.round(gen.around(1000, 0.2)));
    }
    return gen.trace(
        "long stall", "~1,000 items every ~10 s; one 20 min gap at 20%", Estimate.EXACT);
  }

  /**
   * 400 batches of ~1,000 items every ~10 s; the estimate is 80% of the true total.
   *
   * @param seed the random seed
   * @return the trace
   */
  public static Trace estimateTooLow(long seed) {
    Gen gen = new Gen(seed);
    for (int i = 0; i < 400; i++) {
      gen.batch(gen.around(10, 0.2), Math.round(gen.around(1000, 0.2)));
    }
    return gen.trace(
        "estimate too low", "~1,000 items every ~10 s; estimate = 80% of the total", Estimate.LOW);
  }

  /**
   * 400 batches of ~1,000 items every ~10 s; the estimate is 125% of the true total.
   *
   * @param seed the random seed
   * @return the trace
   */
  public static Trace estimateTooHigh(long seed) {
    Gen gen = new Gen(seed);
    for (int i = 0; i < 400; i++) {
      gen.batch(gen.around(10, 0.2), Math.round(gen.around(1000, 0.2)));
    }
    return gen.trace(
        "estimate too high",
        "~1,000 items every ~10 s; estimate = 125% of the total",
        Estimate.HIGH);
  }

  /**
   * 500 batches of 50 to 5,000 items at gaps of 1 to 45 s with no pre-flight count.
   *
   * @param seed the random seed
   * @return the trace
   */
  public static Trace unknownTotal(long seed) {
    Gen gen = new Gen(seed);
    for (int i = 0; i < 500; i++) {
      gen.batch(gen.logUniform(1, 45), gen.uniform(50, 5000));
    }
    return gen.trace("unknown total", "bursty batches, no pre-flight count", Estimate.UNKNOWN);
  }

  /**
   * A first page of ~1,000 items after ~100 s (each ±20%), as a source that builds its first
   * response slowly, then 60 batches of ~100 items every ~10 s; exact estimate. The first page runs
   * at about the steady rate, 10 items/s, and is about a seventh of the total, so booking its wait
   * as anything but running time shows in the ETA.
   *
   * @param seed the random seed
   * @return the trace
   */
  public static Trace slowFirstPage(long seed) {
    Gen gen = new Gen(seed);
    gen.batch(gen.around(100, 0.2), Math.round(gen.around(1000, 0.2)));
    for (int i = 0; i < 60; i++) {
      gen.batch(gen.around(10, 0.2), Math.round(gen.around(100, 0.2)));
    }
    return gen.trace(
        "slow first page",
        "~1,000 items after ~100 s, then ~100 items every ~10 s",
        Estimate.EXACT);
  }

  /**
   * An hourly rate budget (GitHub's 5,000 points per hour): pages of ~100 items every ~1.5 s, each
   * costing 8 to 12 points; when the budget is spent the connector reports a wait until the window
   * resets, then continues. The run starts at a random point of its window with 20% to 100% of the
   * budget left, and reads 2,200 to 2,800 pages (about five windows); exact estimate. Between
   * windows the source serves at about five times its hourly throughput.
   *
   * @param seed the random seed
   * @return the trace, with its waits reported
   */
  public static Trace rateBudget(long seed) {
    Gen gen = new Gen(seed);
    double budget = 5000;
    long window = 3600 * SECOND;
    double left = budget * (0.2 + 0.8 * gen.fraction());
    long resetAt = Math.round(gen.fraction() * window);
    long pages = gen.uniform(2200, 2800);
    for (long i = 0; i < pages; i++) {
      double cost = 8 + 4 * gen.fraction();
      while (gen.now >= resetAt) {
        left = budget;
        resetAt += window;
      }
      if (cost > left) {
        gen.waitUntil(resetAt);
        left = budget;
        resetAt += window;
      }
      gen.batch(gen.around(1.5, 0.2), Math.round(gen.around(100, 0.2)));
      left -= cost;
    }
    return gen.trace(
        "rate budget",
        "~100 items every ~1.5 s until 5,000 points/hour are spent, then a reported wait for the"
            + " reset",
        Estimate.EXACT);
  }

  /**
   * Secondary rate limits near the stall floor: pages of ~100 items every ~1 s, and after every 60
   * to 120 s of work a reported retry-after of 55 to 65 s; 2,000 pages; exact estimate.
   *
   * @param seed the random seed
   * @return the trace, with its waits reported
   */
  public static Trace retryAfter(long seed) {
    return retryAfter(seed, 55, 65);
  }

  /**
   * Like {@link #retryAfter(long)} with retry-after waits drawn from {@code [lowSeconds,
   * highSeconds]}; equal bounds give every wait the same length (59 s or 61 s to probe the stall
   * floor).
   *
   * @param seed the random seed
   * @param lowSeconds the shortest retry-after
   * @param highSeconds the longest retry-after
   * @return the trace, with its waits reported
   */
  public static Trace retryAfter(long seed, double lowSeconds, double highSeconds) {
    Gen gen = new Gen(seed);
    long nextLimit = Math.round(gen.uniformSeconds(60, 120) * SECOND);
    for (int i = 0; i < 2000; i++) {
      if (gen.now >= nextLimit) {
        double retry = gen.uniformSeconds(lowSeconds, highSeconds);
        gen.waitUntil(gen.now + Math.round(retry * SECOND));
        nextLimit = gen.now + Math.round(gen.uniformSeconds(60, 120) * SECOND);
      }
      gen.batch(gen.around(1, 0.2), Math.round(gen.around(100, 0.2)));
    }
    return gen.trace(
        "retry-after",
        "~100 items every ~1 s; a reported retry-after of 55..65 s every 60..120 s",
        Estimate.EXACT);
  }

  /**
   * A small, slow first page: ~50 items after 60 to 100 s (a source that builds its first response
   * slowly), then 300 batches of ~10 items every ~1 s (10 items/s); exact estimate. The first
   * page's rate is about a twentieth of the rest, and the scope is short, so a first gap booked as
   * running time in full keeps the ETA far too long for most of the run.
   *
   * @param seed the random seed
   * @return the trace
   */
  public static Trace smallFirstPage(long seed) {
    Gen gen = new Gen(seed);
    gen.batch(gen.uniformSeconds(60, 100), Math.round(gen.around(50, 0.2)));
    for (int i = 0; i < 300; i++) {
      gen.batch(gen.around(1, 0.2), Math.round(gen.around(10, 0.2)));
    }
    return gen.trace(
        "small first page", "~50 items after 60..100 s, then ~10 items every ~1 s", Estimate.EXACT);
  }

  /**
   * A slow tail: pages of ~1,000 items every ~10 s, and from a random point between 65% and 80% of
   * the 400 pages on, the same pages every ~50 s (the last items 5x slower, as the oldest or
   * largest records of a backfill are); exact estimate. The tail starts inside the scored range, so
   * the score shows how fast an estimator follows it, not whether it foresaw it.
   *
   * @param seed the random seed
   * @return the trace
   */
  public static Trace slowTail(long seed) {
    Gen gen = new Gen(seed);
    long tail = gen.uniform(260, 320);
    for (int i = 0; i < 400; i++) {
      gen.batch(gen.around(i < tail ? 10 : 50, 0.1), Math.round(gen.around(1000, 0.2)));
    }
    return gen.trace(
        "slow tail", "~1,000 items every ~10 s, the last 20..35% every ~50 s", Estimate.EXACT);
  }

  /**
   * A drifting rate: a backfill whose pace halves and doubles over hours. Pages of ~500 items
   * (±20%) arrive at a rate of {@code 50 x 2^(a sin(2 pi t / P + phase))} items/s, with the
   * amplitude {@code a} between 0.8 and 1 (so the rate moves between about half and about twice 50
   * items/s), the period {@code P} between 2 and 4 hours and a random phase; 2,000 pages (about six
   * hours); exact estimate.
   *
   * @param seed the random seed
   * @return the trace
   */
  public static Trace driftingRate(long seed) {
    Gen gen = new Gen(seed);
    double amplitude = 0.8 + 0.2 * gen.fraction();
    double period = 3600 * (2 + 2 * gen.fraction());
    double phase = 2 * Math.PI * gen.fraction();
    for (int i = 0; i < 2000; i++) {
      double seconds = (double) gen.now / SECOND;
      double rate = 50 * Math.pow(2, amplitude * Math.sin(2 * Math.PI * seconds / period + phase));
      long items = Math.round(gen.around(500, 0.2));
      gen.batch(gen.around(items / rate, 0.2), items);
    }
    return gen.trace(
        "drifting rate",
        "~500 items per page at 25..100 items/s, the rate drifting over a 2..4 h period",
        Estimate.EXACT);
  }

  private enum Estimate {
    EXACT,
    LOW,
    HIGH,
    UNKNOWN
  }

  private static final class Gen {
    private final SplittableRandom random;
    private final List<TraceEvent> events = new ArrayList<>();
    private long now;
    private long total;

    Gen(long seed) {
      this.random = new SplittableRandom(seed);
    }

    double around(double nominal, double spread) {
      return nominal * (1 + spread * (2 * random.nextDouble() - 1));
    }

    double logUniform(double low, double high) {
      return Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
    }

    double fraction() {
      return random.nextDouble();
    }

    double uniformSeconds(double low, double high) {
      return low + (high - low) * random.nextDouble();
    }

    void waitUntil(long resumeAtNanos) {
      events.add(new TraceEvent.Wait(now, resumeAtNanos));
      now = resumeAtNanos;
    }

    long uniform(long low, long high) {
      return random.nextLong(low, high + 1);
    }

    void batch(double gapSeconds, long items) {
      now += Math.round(gapSeconds * SECOND);
      events.add(new TraceEvent.Batch(now, items));
      total += items;
    }

    void pause(long seconds) {
      events.add(new TraceEvent.Pause(now));
      now += seconds * SECOND;
      events.add(new TraceEvent.Resume(now));
    }

    Trace trace(String name, String description, Estimate estimate) {
      ItemCount count =
          switch (estimate) {
            case EXACT -> ItemCount.exact(total);
            case LOW -> ItemCount.approximate(Math.round(total * 0.8));
            case HIGH -> ItemCount.approximate(Math.round(total * 1.25));
            case UNKNOWN -> ItemCount.unknown();
          };
      return new Trace(name, description, count, events);
    }
  }
}
