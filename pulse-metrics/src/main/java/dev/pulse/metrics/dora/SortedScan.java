package dev.pulse.metrics.dora;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The check that elements are already in pairing order (repository, environment, then {@link
 * GroupOrder}), which finds the group boundaries on the way, so sorted input is paired in one
 * linear pass without hashing or sorting.
 */
final class SortedScan {
  private SortedScan() {}

  /**
   * Returns the group boundaries when the elements are in pairing order: group {@code g} is {@code
   * [starts[g], starts[g + 1])}, the last entry being the element count. Returns null at the first
   * inversion.
   */
  static int @Nullable [] groupStarts(String[] repository, String[] environment, GroupOrder order) {
    int n = repository.length;
    int[] starts = new int[16];
    int groups = 0;
    if (n > 0) {
      starts[groups++] = 0;
    }
    for (int i = 1; i < n; i++) {
      String previousRepository = repository[i - 1];
      String current = repository[i];
      int c;
      boolean sameGroup = false;
      // equals first: in sorted input most neighbours share repository and environment
      if (previousRepository.equals(current)) {
        if (environment[i - 1].equals(environment[i])) {
          c = order.compare(i - 1, i);
          sameGroup = true;
        } else {
          c = environment[i - 1].compareTo(environment[i]);
        }
      } else {
        c = previousRepository.compareTo(current);
      }
      if (c > 0) {
        return null;
      }
      if (!sameGroup) {
        if (groups == starts.length) {
          starts = Arrays.copyOf(starts, groups * 2);
        }
        starts[groups++] = i;
      }
    }
    int[] groupStart = Arrays.copyOf(starts, groups + 1);
    groupStart[groups] = n;
    return groupStart;
  }

  /** Returns the first index that sorts before its predecessor, or -1 when in pairing order. */
  static int firstInversion(String[] repository, String[] environment, GroupOrder order) {
    for (int i = 1; i < repository.length; i++) {
      int c = repository[i - 1].compareTo(repository[i]);
      if (c == 0) {
        c = environment[i - 1].compareTo(environment[i]);
        if (c == 0) {
          c = order.compare(i - 1, i);
        }
      }
      if (c > 0) {
        return i;
      }
    }
    return -1;
  }
}
