package dev.pulse.metrics.dora;

import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import java.time.Instant;

/**
 * The primitive vocabulary shared by the batch and the incremental pairer: result kinds, failure
 * statuses, nanosecond times and the in-group order of deployments. The walk itself is {@link
 * PairingWalk}.
 */
final class PairingCore {
  static final byte OTHER = 0;
  static final byte FAILURE = 1;
  static final byte SUCCESS = 2;

  static final byte NONE = 0;
  static final byte RESOLVED = 1;
  static final byte OPEN = 2;
  static final byte SUPERSEDED = 3;

  /** The first and last instants whose nanoseconds since the epoch fit in a {@code long}. */
  static final Instant MIN_INSTANT = Instant.ofEpochSecond(0, Long.MIN_VALUE);

  static final Instant MAX_INSTANT = Instant.ofEpochSecond(0, Long.MAX_VALUE);

  private PairingCore() {}

  static byte kind(DeploymentResult result) {
    return switch (result) {
      case FAILURE -> FAILURE;
      case SUCCESS -> SUCCESS;
      case ABORTED, UNKNOWN -> OTHER;
    };
  }

  /**
   * The order of kinds at equal times: a failure sorts before a success, which sorts before
   * anything else.
   */
  static int rank(byte kind) {
    return kind == FAILURE ? 0 : kind == SUCCESS ? 1 : 2;
  }

  static long nanos(Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "instant "
              + t
              + " is outside the supported range "
              + "1677-09-21T00:12:43.145224192Z..2262-04-11T23:47:16.854775807Z",
          e);
    }
  }

  /**
   * Returns nanoseconds since the epoch, saturated to {@link Long#MIN_VALUE} or {@link
   * Long#MAX_VALUE} for an instant outside the supported range.
   */
  static long clampedNanos(Instant t) {
    long seconds = t.getEpochSecond();
    long high = Math.multiplyHigh(seconds, 1_000_000_000L);
    long low = seconds * 1_000_000_000L;
    if ((high != 0 || low < 0) && (high != -1 || low >= 0)) {
      return seconds < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    long n = low + t.getNano();
    if (low > 0 && n < 0) {
      return Long.MAX_VALUE;
    }
    return n;
  }

  /**
   * Returns the window as inclusive nanosecond bounds {@code {first, last}}: the instants {@code t}
   * inside are those with {@code first <= nanos(t) <= last}. Bounds beyond the supported range are
   * clamped to it, so {@code [EPOCH, Instant.MAX)} covers every supported instant from the epoch
   * on; a window wholly outside the range gives {@code {Long.MAX_VALUE, Long.MIN_VALUE}}, which
   * contains nothing.
   */
  static long[] bounds(Window window) {
    Instant start = window.start();
    Instant end = window.end();
    if (start.isAfter(MAX_INSTANT) || !end.isAfter(MIN_INSTANT)) {
      return new long[] {Long.MAX_VALUE, Long.MIN_VALUE};
    }
    long first = start.isBefore(MIN_INSTANT) ? Long.MIN_VALUE : nanos(start);
    long last = end.isAfter(MAX_INSTANT) ? Long.MAX_VALUE : nanos(end) - 1;
    return new long[] {first, last};
  }

  /**
   * Returns the first position in {@code [from, to)} whose time is at least {@code t}, or {@code
   * to} when none is: a group of a pairing is in effective-time order, so a window's deployments of
   * one group are found by two searches instead of a scan of every deployment.
   */
  static int firstAtOrAfter(long[] time, int from, int to, long t) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (time[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Returns the first position in {@code [from, to)} whose time is after {@code t}, or {@code to}
   * when none is; the positions must be in effective-time order.
   */
  static int firstAfter(long[] time, int from, int to, long t) {
    return t == Long.MAX_VALUE ? to : firstAtOrAfter(time, from, to, t + 1);
  }

  /**
   * Orders two deployments of one (repository, environment) group: time, then kind rank, then build
   * id.
   */
  static int compareInGroup(Deployment a, Deployment b) {
    int c = a.effectiveAt().compareTo(b.effectiveAt());
    if (c != 0) {
      return c;
    }
    c = Integer.compare(rank(kind(a.result())), rank(kind(b.result())));
    return c != 0 ? c : a.buildId().compareTo(b.buildId());
  }
}
