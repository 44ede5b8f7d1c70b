package dev.pulse.metrics.dora;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Percentiles of durations held as nanoseconds, with the same definition as {@link
 * dev.pulse.metrics.Percentiles} (linear interpolation between closest ranks, Hyndman-Fan type 7),
 * computed exactly in integers for integer percentiles: the interpolated part is rounded half up to
 * a whole nanosecond, with no floating-point error even when the values span more than 2^53 ns.
 *
 * <p>{@link #percentiles} does not sort everything. Large inputs (from 512 values when the caller
 * knows their range, {@link #percentilesWithin}) go through a histogram of up to 65,536 buckets and
 * only the buckets holding the wanted ranks are sorted; small or heavily skewed inputs use a
 * selection algorithm (expected linear time, falling back to a full sort of the remaining range if
 * partitioning degenerates). Both give exactly the values a full sort would.
 */
final class DurationStats {
  private static final int INSERTION_SORT_BELOW = 24;
  private static final int HISTOGRAM_FROM = 1 << 14;

  /**
   * From this many values the histogram is used when the caller gives the smallest and largest
   * value: without its own min/max pass it beats selection's data-dependent swaps on much smaller
   * inputs (a report's repositories hold about a thousand pull requests each).
   */
  private static final int HISTOGRAM_WITH_RANGE_FROM = 1 << 9;

  private static final int HISTOGRAM_BITS = 16;
  private static final int MIN_HISTOGRAM_BITS = 10;

  private DurationStats() {}

  /**
   * Returns the given percentiles of the first {@code count} values, which are reordered.
   *
   * <p>Exact: with {@code (count - 1) * p = 100 * lo + rem}, the result is {@code x[lo] +
   * floor(((x[hi] - x[lo]) * rem + 50) / 100)} in exact integer arithmetic (128-bit when the
   * product does not fit in a {@code long}), so the interpolated part is rounded half up to a whole
   * nanosecond whatever the spread of the values.
   *
   * @param values the values; the first {@code count} are used and partially reordered
   * @param count how many values, positive
   * @param ps the percentiles, ascending, each in [0, 100]
   * @return one duration per percentile
   */
  static Duration[] percentiles(long[] values, int count, int... ps) {
    if (count < HISTOGRAM_FROM) {
      return percentiles(values, count, false, ps);
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < count; i++) {
      long v = values[i];
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return percentiles(values, 0, count, true, min, max, false, ps);
  }

  /**
   * {@link #percentiles(long[], int, int...)} when the caller already knows the smallest and the
   * largest of the values (gathered as they were written), which saves the histogram a pass over
   * them.
   *
   * @param min the smallest of the first {@code count} values
   * @param max the largest of the first {@code count} values
   */
  static Duration[] percentilesWithin(long[] values, int count, long min, long max, int... ps) {
    return percentiles(values, 0, count, count >= HISTOGRAM_WITH_RANGE_FROM, min, max, false, ps);
  }

  /**
   * {@link #percentilesWithin} of the slice {@code values[start, start + count)}, which is left as
   * it is (selection works on a copy), so that overlapping slices of one array can be summarised in
   * any order.
   *
   * @param start the slice's first index
   * @param count how many values, positive
   * @param min the smallest value of the slice
   * @param max the largest value of the slice
   */
  static Duration[] percentilesOfSlice(
      long[] values, int start, int count, long min, long max, int... ps) {
    return percentiles(
        values, start, count, count >= HISTOGRAM_WITH_RANGE_FROM, min, max, true, ps);
  }

  private static Duration[] percentiles(long[] values, int count, boolean histogram, int[] ps) {
    return percentiles(values, 0, count, histogram, 0, 0, false, ps);
  }

  /**
   * The percentiles of {@code values[start, start + count)}, through the histogram (given the
   * values' range) or else by selection, which reorders the values unless {@code keep} (then it
   * reorders a copy); {@code start} is 0 unless {@code keep}.
   */
  private static Duration[] percentiles(
      long[] values,
      int start,
      int count,
      boolean histogram,
      long min,
      long max,
      boolean keep,
      int[] ps) {
    int[] lo = new int[ps.length];
    int[] rem = new int[ps.length];
    int[] ranks = new int[2 * ps.length];
    for (int i = 0; i < ps.length; i++) {
      if (ps[i] < 0 || ps[i] > 100) {
        throw new IllegalArgumentException("percentile must be in [0, 100] but was " + ps[i]);
      }
      long h100 = (long) (count - 1) * ps[i];
      lo[i] = (int) (h100 / 100);
      rem[i] = (int) (h100 % 100);
      ranks[2 * i] = lo[i];
      ranks[2 * i + 1] = Math.min(lo[i] + 1, count - 1);
    }
    Arrays.sort(ranks);
    long[] at = histogram ? byHistogram(values, start, count, min, max, ranks) : null;
    if (at == null) {
      long[] a = keep ? Arrays.copyOfRange(values, start, start + count) : values;
      at = new long[ranks.length];
      int from = 0;
      for (int r = 0; r < ranks.length; r++) {
        int k = ranks[r];
        if (k >= from) {
          if (k == from) {
            // the smallest of the rest (the rank just above one found): one scan, no partitioning
            minToFront(a, from, count);
          } else {
            select(a, from, count, k);
          }
          from = k + 1;
        }
        at[r] = a[k];
      }
    }
    Duration[] out = new Duration[ps.length];
    for (int i = 0; i < ps.length; i++) {
      long lower = at[Arrays.binarySearch(ranks, lo[i])];
      long upper = at[Arrays.binarySearch(ranks, Math.min(lo[i] + 1, count - 1))];
      out[i] = Duration.ofNanos(rem[i] == 0 ? lower : lower + interpolate(upper - lower, rem[i]));
    }
    return out;
  }

  /**
   * Returns {@code floor((spread * rem + 50) / 100)}, where {@code spread} is {@code upper - lower
   * >= 0} taken as an unsigned 64-bit number (it may exceed {@link Long#MAX_VALUE}) and {@code 0 <
   * rem < 100}; the result is at most {@code spread}, so adding it to {@code lower} cannot leave
   * {@code [lower, upper]}.
   */
  static long interpolate(long spread, int rem) {
    if (spread >= 0 && spread <= (Long.MAX_VALUE - 50) / 100) {
      return (spread * rem + 50) / 100;
    }
    BigInteger product =
        new BigInteger(Long.toUnsignedString(spread))
            .multiply(BigInteger.valueOf(rem))
            .add(BigInteger.valueOf(50));
    return product
        .divide(BigInteger.valueOf(100))
        .longValue(); // < 2^64; wraps exactly like the spread did
  }

  /**
   * Finds the values at the given ranks (ascending) of {@code values[start, start + count)} by a
   * histogram of the top 16 bits of {@code value - min} ({@code min} and {@code max} being the
   * values' smallest and largest): one pass to count, one to copy only the values of the buckets
   * holding a wanted rank, which are then sorted. Returns null, leaving {@code values} untouched,
   * when those buckets hold more than a quarter of the values (a heavily skewed distribution), so
   * the caller falls back to selection.
   */
  private static long @Nullable [] byHistogram(
      long[] values, int start, int count, long min, long max, int[] ranks) {
    int end = start + count;
    long span = max - min;
    long[] at = new long[ranks.length];
    if (span == 0) {
      Arrays.fill(at, min);
      return at;
    }
    if (span < 0) {
      return null;
    }
    // about four values per bucket, at most 2^16 buckets: a smaller input gets a smaller table, so
    // that clearing and walking it does not cost more than counting the values
    int bits =
        Math.max(
            MIN_HISTOGRAM_BITS,
            Math.min(HISTOGRAM_BITS, 31 - Integer.numberOfLeadingZeros(count) - 2));
    int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(span) - bits);
    int[] histogram = new int[(int) (span >>> shift) + 1];
    for (int i = start; i < end; i++) {
      histogram[(int) ((values[i] - min) >>> shift)]++;
    }
    // for each wanted rank, its bucket and the number of values in earlier buckets; ranks ascend,
    // so the wanted buckets do too and each is a run of ranks
    int[] bucketOf = new int[ranks.length];
    int[] before = new int[ranks.length];
    int bucket = 0;
    int cumulative = 0;
    for (int r = 0; r < ranks.length; r++) {
      while (cumulative + histogram[bucket] <= ranks[r]) {
        cumulative += histogram[bucket++];
      }
      bucketOf[r] = bucket;
      before[r] = cumulative;
    }
    // the distinct wanted buckets, and where each one's values go in the gathered array
    int[] wanted = new int[ranks.length];
    int[] offset = new int[ranks.length];
    int distinct = 0;
    int gathered = 0;
    for (int r = 0; r < ranks.length; r++) {
      if (distinct == 0 || wanted[distinct - 1] != bucketOf[r]) {
        wanted[distinct] = bucketOf[r];
        offset[distinct] = gathered;
        gathered += histogram[bucketOf[r]];
        distinct++;
      }
    }
    if (gathered > count / 4) {
      return null;
    }
    long low = (long) wanted[0] << shift;
    long high = (long) wanted[distinct - 1] << shift | ((1L << shift) - 1);
    long[] picked = new long[gathered];
    int[] fill = Arrays.copyOf(offset, distinct);
    for (int i = start; i < end; i++) {
      long v = values[i];
      long d = v - min;
      // most values lie outside the wanted buckets' span and are skipped by one test
      if (d >= low && d <= high) {
        int b = (int) (d >>> shift);
        for (int w = 0; w < distinct; w++) {
          if (wanted[w] == b) {
            picked[fill[w]++] = v;
            break;
          }
        }
      }
    }
    int w = 0;
    for (int r = 0; r < ranks.length; r++) {
      while (wanted[w] != bucketOf[r]) {
        w++;
      }
      if (r == 0 || bucketOf[r - 1] != bucketOf[r]) { // sort each gathered bucket once
        Arrays.sort(picked, offset[w], offset[w] + histogram[bucketOf[r]]);
      }
      at[r] = picked[offset[w] + ranks[r] - before[r]];
    }
    return at;
  }

  /**
   * Rearranges {@code a[from, to)} so that {@code a[k]} holds the value it would hold if the range
   * were sorted, with no larger value before it and no smaller value after it.
   */
  static void select(long[] a, int from, int to, int k) {
    int lo = from;
    int hi = to - 1;
    int budget = 2 * (32 - Integer.numberOfLeadingZeros(to - from)) + 8;
    while (hi - lo >= INSERTION_SORT_BELOW) {
      if (budget-- == 0) {
        Arrays.sort(a, lo, hi + 1);
        return;
      }
      int mid = (lo + hi) >>> 1;
      // median of three as the pivot, moved to a[lo]
      if (a[mid] < a[lo]) {
        swap(a, mid, lo);
      }
      if (a[hi] < a[lo]) {
        swap(a, hi, lo);
      }
      if (a[hi] < a[mid]) {
        swap(a, hi, mid);
      }
      swap(a, lo, mid);
      long pivot = a[lo];
      // three-way partition: [lo, lt) < pivot, [lt, gt] == pivot, (gt, hi] > pivot
      int lt = lo;
      int gt = hi;
      int i = lo + 1;
      while (i <= gt) {
        long v = a[i];
        if (v < pivot) {
          swap(a, lt++, i++);
        } else if (v > pivot) {
          swap(a, i, gt--);
        } else {
          i++;
        }
      }
      if (k < lt) {
        hi = lt - 1;
      } else if (k > gt) {
        lo = gt + 1;
      } else {
        return;
      }
    }
    for (int i = lo + 1; i <= hi; i++) {
      long x = a[i];
      int j = i - 1;
      while (j >= lo && a[j] > x) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = x;
    }
  }

  /** Moves the smallest of {@code a[from, to)} to {@code a[from]}, as {@code select} would. */
  private static void minToFront(long[] a, int from, int to) {
    int min = from;
    for (int i = from + 1; i < to; i++) {
      if (a[i] < a[min]) {
        min = i;
      }
    }
    swap(a, from, min);
  }

  private static void swap(long[] a, int i, int j) {
    long t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
