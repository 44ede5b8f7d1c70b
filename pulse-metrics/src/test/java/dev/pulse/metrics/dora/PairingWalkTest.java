package dev.pulse.metrics.dora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class PairingWalkTest {

  /**
   * The rules read straight off docs/metrics.md, quadratic: a failure is superseded by the earliest
   * failure since the last success; otherwise it is resolved by the next success within the window,
   * or open.
   */
  private static void reference(
      long[] time, byte[] kind, int from, int to, long window, byte[] status, int[] link) {
    for (int i = from; i < to; i++) {
      if (kind[i] != PairingCore.FAILURE) {
        continue;
      }
      int anchor = i;
      for (int j = i - 1; j >= from && kind[j] != PairingCore.SUCCESS; j--) {
        if (kind[j] == PairingCore.FAILURE) {
          anchor = j;
        }
      }
      if (anchor != i) {
        status[i] = PairingCore.SUPERSEDED;
        link[i] = anchor;
        continue;
      }
      status[i] = PairingCore.OPEN;
      link[i] = -1;
      for (int j = i + 1; j < to; j++) {
        if (kind[j] == PairingCore.SUCCESS) {
          if (time[j] - time[i] <= window) {
            status[i] = PairingCore.RESOLVED;
            link[i] = j;
          }
          break;
        }
      }
    }
  }

  @Test
  void pairRun_randomRuns_matchReference() {
    Random random = new Random(20260307L);
    for (int round = 0; round < 5_000; round++) {
      int n = random.nextInt(80);
      long[] time = new long[n];
      byte[] kind = new byte[n];
      long t = random.nextInt(100);
      for (int i = 0; i < n; i++) {
        t += random.nextInt(4) == 0 ? 0 : random.nextInt(20); // runs of equal times included
        time[i] = t;
        kind[i] = (byte) random.nextInt(3);
      }
      int from = n == 0 ? 0 : random.nextInt(n);
      long window = random.nextInt(60);
      byte[] expectedStatus = new byte[n];
      int[] expectedLink = new int[n];
      Arrays.fill(expectedLink, 7); // untouched positions keep what was there
      byte[] status = expectedStatus.clone();
      int[] link = expectedLink.clone();
      // a range must start a chain: the walk starts after a success or at position 0
      while (from > 0 && kind[from - 1] != PairingCore.SUCCESS) {
        from--;
      }

      reference(time, kind, from, n, window, expectedStatus, expectedLink);
      PairingWalk.pairRun(time, kind, from, n, window, status, link);

      assertArrayEquals(expectedStatus, status, "round " + round);
      assertArrayEquals(expectedLink, link, "round " + round);
    }
  }
}
