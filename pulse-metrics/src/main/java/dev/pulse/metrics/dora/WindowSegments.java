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
    return windowsOf(segmentAt(t));
  }

  /** Returns the segment holding instant {@code t} (nanoseconds), -1 when before every window. */
  int segmentAt(long t) {
    int length = starts.length;
    if (length == 0) {
      return -1;
    }
    // the last start at or before t, by conditional moves: merge times fall anywhere, so branches
    // would be mispredicted
    int base = 0;
    int n = length;
    while (n > 1) {
      int half = n >>> 1;
      base = starts[base + half] <= t ? base + half : base;
      n -= half;
    }
    return starts[base] <= t ? base : -1;
  }

  /** Returns the number of segments. */
  int size() {
    return starts.length;
  }

  /**
   * Returns, for each of the {@code windowCount} windows, its first and its last segment (at {@code
   * 2k} and {@code 2k + 1}; both -1 when it holds none): a window's segments are consecutive, as no
   * bound falls inside it.
   */
  int[] segmentRuns(int windowCount) {
    int[] runs = new int[2 * windowCount];
    Arrays.fill(runs, -1);
    for (int s = 0; s < windows.length; s++) {
      for (int k : windows[s]) {
        if (runs[2 * k] < 0) {
          runs[2 * k] = s;
        }
        runs[2 * k + 1] = s;
      }
    }
    return runs;
  }

  /** Returns the windows holding segment {@code s} (-1: none), ascending; do not write it. */
  int[] windowsOf(int s) {
    return s < 0 ? NONE : windows[s];
  }
}
