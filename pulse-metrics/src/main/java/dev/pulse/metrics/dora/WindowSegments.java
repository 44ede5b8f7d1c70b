package dev.pulse.metrics.dora;

import java.util.Arrays;
import java.util.List;

/**
 * Which of several windows (a report's window, its weeks and its months, say) hold an instant,
 * found by one binary search instead of a test of every window: the windows' bounds cut the
 * timeline into segments, each inside the same windows throughout, listed once.
 *
 * <p>Immutable after {@link #of}; the arrays {@link #windowsAt} returns must not be written.
 */
final class WindowSegments {
  private static final int[] NONE = new int[0];

  /** The first instant (nanoseconds) of each segment, ascending; a segment ends at the next. */
  private final long[] starts;

  /** The windows holding each segment, ascending. */
  private final int[][] windows;

  private WindowSegments(long[] starts, int[][] windows) {
    this.starts = starts;
    this.windows = windows;
  }

  /** Cuts the timeline at the bounds of the windows (as {@link PairingCore#bounds} gives them). */
  static WindowSegments of(List<Window> list) {
    int w = list.size();
    long[] first = new long[w];
    long[] last = new long[w];
    long[] cuts = new long[2 * w];
    int c = 0;
    for (int k = 0; k < w; k++) {
      long[] bounds = PairingCore.bounds(list.get(k));
      first[k] = bounds[0];
      last[k] = bounds[1];
      if (first[k] <= last[k]) {
        cuts[c++] = first[k];
        if (last[k] != Long.MAX_VALUE) {
          cuts[c++] = last[k] + 1;
        }
      }
    }
    Arrays.sort(cuts, 0, c);
    int distinct = 0;
    for (int i = 0; i < c; i++) {
      if (distinct == 0 || cuts[distinct - 1] != cuts[i]) {
        cuts[distinct++] = cuts[i];
      }
    }
    long[] starts = Arrays.copyOf(cuts, distinct);
    int[][] windows = new int[distinct][];
    int[] in = new int[w];
    for (int s = 0; s < distinct; s++) {
      // no bound falls inside a segment, so its first instant stands for all of it
      long t = starts[s];
      int size = 0;
      for (int k = 0; k < w; k++) {
        if (first[k] <= t && t <= last[k]) {
          in[size++] = k;
        }
      }
      windows[s] = size == 0 ? NONE : Arrays.copyOf(in, size);
    }
    return new WindowSegments(starts, windows);
  }

  /** Returns the windows holding instant {@code t} (nanoseconds), ascending; do not write it. */
  int[] windowsAt(long t) {
    int lo = 0;
    int hi = starts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (starts[mid] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == 0 ? NONE : windows[lo - 1];
  }
}
