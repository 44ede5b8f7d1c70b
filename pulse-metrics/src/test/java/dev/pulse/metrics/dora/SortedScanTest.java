package dev.pulse.metrics.dora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class SortedScanTest {

  private record Columns(String[] repository, String[] environment, GroupOrder order) {}

  /** The reference order, written independently of SortedScan. */
  private static Comparator<Integer> reference(
      String[] repository, String[] env, long[] time, byte[] kind, String[] build) {
    return Comparator.<Integer, String>comparing(i -> repository[i])
        .thenComparing(i -> env[i])
        .thenComparingLong(i -> time[i])
        .thenComparingInt(
            i -> kind[i] == PairingCore.FAILURE ? 0 : kind[i] == PairingCore.SUCCESS ? 1 : 2)
        .thenComparing(i -> build[i]);
  }

  @Test
  void groupStarts_randomInputs_matchReferenceScan() {
    Random random = new Random(20260307L);
    for (int round = 0; round < 3_000; round++) {
      int n = random.nextInt(60);
      String[] repository = new String[n];
      String[] env = new String[n];
      long[] time = new long[n];
      byte[] kind = new byte[n];
      String[] build = new String[n];
      for (int i = 0; i < n; i++) {
        repository[i] = "r" + random.nextInt(3);
        env[i] = "e" + random.nextInt(2);
        time[i] = random.nextInt(4);
        kind[i] = (byte) random.nextInt(3);
        build[i] = "b" + random.nextInt(n + 1);
      }
      Comparator<Integer> order = reference(repository, env, time, kind, build);
      Integer[] perm = IntStream.range(0, n).boxed().toArray(Integer[]::new);
      if (random.nextInt(3) != 0) { // mostly sorted input, which has group boundaries to find
        java.util.Arrays.sort(perm, order);
      }
      Columns c = permute(perm, repository, env, time, kind, build);
      int expectedInversion = -1;
      List<Integer> expectedStarts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (i > 0 && order.compare(perm[i - 1], perm[i]) > 0 && expectedInversion < 0) {
          expectedInversion = i;
        }
        if (i == 0
            || !repository[perm[i]].equals(repository[perm[i - 1]])
            || !env[perm[i]].equals(env[perm[i - 1]])) {
          expectedStarts.add(i);
        }
      }
      expectedStarts.add(n);

      int[] starts = SortedScan.groupStarts(c.repository(), c.environment(), c.order());

      assertEquals(
          expectedInversion,
          SortedScan.firstInversion(c.repository(), c.environment(), c.order()),
          "round " + round);
      if (expectedInversion >= 0) {
        assertNull(starts, "round " + round);
      } else {
        assertArrayEquals(
            expectedStarts.stream().mapToInt(Integer::intValue).toArray(),
            starts,
            "round " + round);
      }
    }
  }

  private static Columns permute(
      Integer[] perm, String[] repository, String[] env, long[] time, byte[] kind, String[] build) {
    int n = perm.length;
    String[] r = new String[n];
    String[] e = new String[n];
    long[] t = new long[n];
    byte[] k = new byte[n];
    String[] b = new String[n];
    for (int j = 0; j < n; j++) {
      r[j] = repository[perm[j]];
      e[j] = env[perm[j]];
      t[j] = time[perm[j]];
      k[j] = kind[perm[j]];
      b[j] = build[perm[j]];
    }
    return new Columns(r, e, new GroupOrder(t, k, b));
  }

  @Test
  void groupStarts_empty_hasOnlyTheEnd() {
    GroupOrder order = new GroupOrder(new long[0], new byte[0], new String[0]);

    assertArrayEquals(new int[] {0}, SortedScan.groupStarts(new String[0], new String[0], order));
    assertEquals(-1, SortedScan.firstInversion(new String[0], new String[0], order));
  }
}
