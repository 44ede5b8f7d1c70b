package dev.pulse.metrics.dora;

import java.util.Arrays;

/**
 * The order of deployments within one (repository, environment) group, over primitive columns:
 * effective time, then kind rank (failure, success, other), then build id; and a stable sort of
 * index ranges by it.
 *
 * <p>Sorting packs each element into one {@code long} key {@code (time - min) << bits | position}
 * when the group's time span leaves room, sorts those with {@link Arrays#sort(long[])}, and then
 * re-orders only runs of equal times by kind and build id (insertion sort up to {@link
 * #INSERTION_SORT_MAX} elements, merge sort beyond, so the whole stays {@code O(n log n)}). A span
 * too wide to pack falls back to a merge sort that compares directly. Both paths are stable: equal
 * elements keep their order in the range.
 */
final class GroupOrder {
  /** Runs up to this length are insertion-sorted; longer ones are merge-sorted. */
  static final int INSERTION_SORT_MAX = 16;

  private final long[] time;
  private final byte[] kind;
  private final String[] build;

  /** Orders indices into the given columns, which must have one length. */
  GroupOrder(long[] time, byte[] kind, String[] build) {
    this.time = time;
    this.kind = kind;
    this.build = build;
  }

  /** Compares elements {@code a} and {@code b}: time, then kind rank, then build id. */
  int compare(int a, int b) {
    long ta = time[a];
    long tb = time[b];
    if (ta != tb) {
      return ta < tb ? -1 : 1;
    }
    int c = Integer.compare(PairingCore.rank(kind[a]), PairingCore.rank(kind[b]));
    return c != 0 ? c : build[a].compareTo(build[b]);
  }

  /**
   * Sorts every range {@code order[start[g], start[g + 1])} by {@link #compare}, stably.
   *
   * @param order element indices
   * @param start ascending range bounds, {@code start[0] >= 0} and the last at most {@code
   *     order.length}
   */
  void sortRanges(int[] order, int[] start) {
    int largest = 0;
    for (int g = 0; g + 1 < start.length; g++) {
      largest = Math.max(largest, start[g + 1] - start[g]);
    }
    long[] keys = new long[largest];
    int[] tmp = new int[Math.max(order.length, 1)];
    for (int g = 0; g + 1 < start.length; g++) {
      sort(order, tmp, keys, start[g], start[g + 1]);
    }
  }

  /**
   * Sorts {@code order[from, to)} by {@link #compare}, stably, using {@code tmp} (as long as {@code
   * order}) and {@code keys} (at least {@code to - from} long) as scratch space.
   */
  void sort(int[] order, int[] tmp, long[] keys, int from, int to) {
    int m = to - from;
    if (m < 2) {
      return;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int j = from; j < to; j++) {
      long t = time[order[j]];
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
    int bits = 64 - Long.numberOfLeadingZeros(m - 1);
    long span = max - min;
    if (span < 0 || (span >>> (63 - bits)) != 0) {
      mergeSort(order, tmp, from, to);
      return;
    }
    for (int j = 0; j < m; j++) {
      keys[j] = ((time[order[from + j]] - min) << bits) | j;
    }
    Arrays.sort(keys, 0, m);
    long mask = (1L << bits) - 1;
    for (int j = 0; j < m; j++) {
      tmp[from + j] = order[from + (int) (keys[j] & mask)];
    }
    System.arraycopy(tmp, from, order, from, m);
    // equal times are in range order so far: order each run of them by kind and build id
    for (int j = 1; j < m; j++) {
      if ((keys[j] >>> bits) == (keys[j - 1] >>> bits)) {
        int runStart = j - 1;
        while (j + 1 < m && (keys[j + 1] >>> bits) == (keys[runStart] >>> bits)) {
          j++;
        }
        if (j + 1 - runStart <= INSERTION_SORT_MAX) {
          insertionSort(order, from + runStart, from + j + 1);
        } else {
          mergeSort(order, tmp, from + runStart, from + j + 1);
        }
      }
    }
  }

  private void insertionSort(int[] a, int lo, int hi) {
    for (int i = lo + 1; i < hi; i++) {
      int x = a[i];
      int j = i - 1;
      while (j >= lo && compare(a[j], x) > 0) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = x;
    }
  }

  /** Insertion sort on short runs, then bottom-up merges through {@code tmp}. */
  private void mergeSort(int[] a, int[] tmp, int from, int to) {
    final int run = INSERTION_SORT_MAX;
    for (int lo = from; lo < to; lo += run) {
      insertionSort(a, lo, Math.min(lo + run, to));
    }
    int[] src = a;
    int[] dst = tmp;
    for (int width = run; width < to - from; width *= 2) {
      for (int lo = from; lo < to; lo += 2 * width) {
        int mid = Math.min(lo + width, to);
        int hi = Math.min(lo + 2 * width, to);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          // take from the right only when strictly smaller, which keeps the sort stable
          dst[k++] = compare(src[j], src[i]) < 0 ? src[j++] : src[i++];
        }
        while (i < mid) {
          dst[k++] = src[i++];
        }
        while (j < hi) {
          dst[k++] = src[j++];
        }
      }
      int[] swap = src;
      src = dst;
      dst = swap;
    }
    if (src != a) {
      System.arraycopy(src, from, a, from, to - from);
    }
  }
}
