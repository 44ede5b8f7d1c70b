package dev.pulse.metrics.dora;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class SegmentedLeadTimesTest {
  private static final DoraOptions OPTIONS = DoraOptions.defaults();
  private static final Linkage[] LINKAGES = Linkage.values();

  private static Window window(long from, long to) {
    return new Window(Instant.ofEpochSecond(0, from), Instant.ofEpochSecond(0, to));
  }

  @Test
  void result_overlappingWindowsAndMissingPhases_equalsAnAccumulatorPerWindow() {
    Random random = new Random(5);
    for (int round = 0; round < 40; round++) {
      // a whole window, adjacent "weeks" and "months" cutting across them, a window without pull
      // requests
      List<Window> windows = new ArrayList<>();
      windows.add(window(0, 10_000));
      for (long t = 0; t < 10_000; t += 700) {
        windows.add(window(t, t + 700));
      }
      for (long t = 0; t < 10_000; t += 3_100) {
        windows.add(window(t, t + 3_100));
      }
      windows.add(window(20_000, 20_100));
      WindowSegments segments = WindowSegments.of(windows);
      int w = windows.size();
      LeadTimeForChanges.Accumulator[] expected = new LeadTimeForChanges.Accumulator[w];
      for (int k = 0; k < w; k++) {
        expected[k] = new LeadTimeForChanges.Accumulator();
      }
      SegmentedLeadTimes actual = new SegmentedLeadTimes(segments.size());

      int n = random.nextInt(round < 20 ? 200 : 5_000);
      int[] segment = new int[n];
      long[][] spans = new long[n][5];
      int[] known = new int[n];
      Linkage[] linkage = new Linkage[n];
      for (int j = 0; j < n; j++) {
        long merged = random.nextInt(12_000) - 1_000;
        segment[j] = segments.segmentAt(merged);
        linkage[j] = LINKAGES[random.nextInt(LINKAGES.length)];
        known[j] = random.nextInt(32);
        int reversed = random.nextInt(16);
        boolean deployed = random.nextBoolean();
        for (int phase = 0; phase < 5; phase++) {
          spans[j][phase] = random.nextInt(1 + random.nextInt(1_000_000));
        }
        if (segment[j] < 0 || segments.windowsOf(segment[j]).length == 0) {
          continue;
        }
        for (int k : segments.windowsOf(segment[j])) {
          if (linkage[j] == Linkage.BEFORE_FIRST_DEPLOYMENT) {
            expected[k].addExcluded(linkage[j]);
          } else {
            long[] x = spans[j];
            expected[k].add(linkage[j], deployed, x[0], x[1], x[2], x[3], x[4], known[j], reversed);
          }
        }
        if (linkage[j] == Linkage.BEFORE_FIRST_DEPLOYMENT) {
          actual.countExcluded(segment[j], linkage[j]);
        } else {
          long[] x = spans[j];
          actual.count(
              segment[j], linkage[j], deployed, x[0], x[1], x[2], x[3], x[4], known[j], reversed);
        }
      }
      actual.allocate();
      for (int j = n - 1; j >= 0; j--) {
        if (segment[j] >= 0
            && segments.windowsOf(segment[j]).length > 0
            && linkage[j] != Linkage.BEFORE_FIRST_DEPLOYMENT) {
          long[] x = spans[j];
          actual.place(segment[j], x[0], x[1], x[2], x[3], x[4], known[j]);
        }
      }

      int[] runs = segments.segmentRuns(w);
      for (int k = 0; k < w; k++) {
        assertEquals(
            expected[k].result(OPTIONS),
            actual.result(runs[2 * k], runs[2 * k + 1], OPTIONS),
            "round " + round + " window " + k);
      }
    }
  }
}
