package dev.pulse.metrics.dora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class GroupOrderTest {

  /** The only way this class makes deployments: one group, so only the in-group order matters. */
  private static Deployment deployment(String build, long minutes, DeploymentResult result) {
    return Fixtures.deploy("api", "production", build, minutes, result);
  }

  /** The order written independently of GroupOrder: time, failure < success < other, build id. */
  private static Comparator<Integer> reference(long[] time, byte[] kind, String[] build) {
    return Comparator.<Integer>comparingLong(i -> time[i])
        .thenComparingInt(
            i -> kind[i] == PairingCore.FAILURE ? 0 : kind[i] == PairingCore.SUCCESS ? 1 : 2)
        .thenComparing(i -> build[i]);
  }

  /** Sorts random ranges of random columns and compares with the stable {@code List.sort}. */
  private static void assertSortsLikeListSort(Random random, int n, long[] time, String[] build) {
    byte[] kind = new byte[n];
    for (int i = 0; i < n; i++) {
      kind[i] = (byte) random.nextInt(3);
    }
    int[] order = IntStream.range(0, n).toArray();
    for (int i = n - 1; i > 0; i--) { // shuffle, so that stability is tested on a random order
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int from = n == 0 ? 0 : random.nextInt(Math.max(1, n / 4));
    int to = n - (n == 0 ? 0 : random.nextInt(Math.max(1, n / 4)));
    to = Math.max(from, to);
    List<Integer> expected = new ArrayList<>();
    for (int i = from; i < to; i++) {
      expected.add(order[i]);
    }
    expected.sort(reference(time, kind, build));
    int[] before = order.clone();

    new GroupOrder(time, kind, build).sort(order, new int[Math.max(n, 1)], new long[n], from, to);

    for (int i = 0; i < n; i++) {
      if (i < from || i >= to) {
        assertEquals(before[i], order[i], "outside the range at " + i);
      } else {
        assertEquals(expected.get(i - from), order[i], "at " + i + " of " + n);
      }
    }
  }

  @Test
  void sort_randomInputs_equalsStableListSort() {
    Random random = new Random(20260307L);
    for (int round = 0; round < 3_000; round++) {
      int n = random.nextInt(round < 2_000 ? 40 : 400);
      int distinctTimes = 1 + random.nextInt(Math.max(1, n));
      int distinctBuilds = 1 + random.nextInt(Math.max(1, n)); // few distinct builds: duplicates
      long[] time = new long[n];
      String[] build = new String[n];
      for (int i = 0; i < n; i++) {
        time[i] = 1_000_000_000L * random.nextInt(distinctTimes);
        build[i] = "b" + random.nextInt(distinctBuilds);
      }
      assertSortsLikeListSort(random, n, time, build);
    }
  }

  @Test
  void sort_longRunsOfEqualTimes_equalsStableListSort() {
    // runs longer than INSERTION_SORT_MAX take the merge sort inside the packed-key path
    Random random = new Random(11);
    for (int round = 0; round < 200; round++) {
      int n = 1 + random.nextInt(3_000);
      long[] time = new long[n];
      String[] build = new String[n];
      for (int i = 0; i < n; i++) {
        time[i] = random.nextInt(1 + round % 4) * 60_000_000_000L;
        build[i] = "b" + random.nextInt(1 + n / (1 + round % 3));
      }
      assertSortsLikeListSort(random, n, time, build);
    }
  }

  @Test
  void sort_timesTooFarApartToPack_equalsStableListSort() {
    // a span that does not fit the packed key falls back to the comparing merge sort
    Random random = new Random(5);
    for (int round = 0; round < 300; round++) {
      int n = 2 + random.nextInt(500);
      long[] time = new long[n];
      String[] build = new String[n];
      for (int i = 0; i < n; i++) {
        time[i] =
            switch (random.nextInt(4)) {
              case 0 -> Long.MIN_VALUE;
              case 1 -> Long.MAX_VALUE;
              case 2 -> random.nextLong();
              default -> random.nextInt(3);
            };
        build[i] = "b" + random.nextInt(1 + n / 2);
      }
      time[0] = Long.MIN_VALUE;
      time[1] = Long.MAX_VALUE;
      assertSortsLikeListSort(random, n, time, build);
    }
  }

  @Test
  void sortRanges_sortsEachRangeOnItsOwn() {
    long[] time = {5, 4, 3, 2, 1, 0};
    byte[] kind = new byte[6];
    String[] build = {"a", "b", "c", "d", "e", "f"};
    int[] order = {0, 1, 2, 3, 4, 5};

    new GroupOrder(time, kind, build).sortRanges(order, new int[] {0, 2, 2, 6});

    assertArrayEquals(new int[] {1, 0, 5, 4, 3, 2}, order);
  }

  @Test
  void compare_equalTimes_failureBeforeSuccessBeforeOtherThenBuild() {
    long[] time = {7, 7, 7, 7, 6};
    byte[] kind = {
      PairingCore.OTHER,
      PairingCore.SUCCESS,
      PairingCore.FAILURE,
      PairingCore.FAILURE,
      PairingCore.OTHER
    };
    String[] build = {"a", "b", "d", "c", "z"};
    GroupOrder order = new GroupOrder(time, kind, build);
    List<Integer> all = new ArrayList<>(List.of(0, 1, 2, 3, 4));

    all.sort(order::compare);

    assertEquals(List.of(4, 3, 2, 1, 0), all);
  }

  @Test
  void compare_agreesWithTheDeploymentOrderOfPairingCore() {
    // the column order and PairingCore.compareInGroup (used by pairingOrder and the incremental
    // pairer) are one concept in two representations; they must never disagree
    Random random = new Random(3);
    DeploymentResult[] results = DeploymentResult.values();
    Deployment[] in = new Deployment[300];
    for (int i = 0; i < in.length; i++) {
      in[i] =
          deployment(
              "b" + random.nextInt(40), random.nextInt(5), results[random.nextInt(results.length)]);
    }
    GroupOrder order = PairingInput.of(in, EnvironmentAliases.defaults()).groupOrder();

    for (int a = 0; a < in.length; a++) {
      for (int b = 0; b < in.length; b++) {
        assertEquals(
            Integer.signum(PairingCore.compareInGroup(in[a], in[b])),
            Integer.signum(order.compare(a, b)),
            a + " vs " + b);
      }
    }
  }
}
