package dev.pulse.metrics.dora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

final class GroupIndexTest {

  /** The reference: a TreeMap from "repository NUL environment" to the indices in input order. */
  private static Map<List<String>, List<Integer>> reference(String[] repository, String[] env) {
    Map<List<String>, List<Integer>> groups =
        new TreeMap<>(
            (a, b) -> {
              int c = a.get(0).compareTo(b.get(0));
              return c != 0 ? c : a.get(1).compareTo(b.get(1));
            });
    for (int i = 0; i < repository.length; i++) {
      groups.computeIfAbsent(List.of(repository[i], env[i]), k -> new ArrayList<>()).add(i);
    }
    return groups;
  }

  private static Map<List<String>, List<Integer>> actual(GroupIndex index) {
    Map<List<String>, List<Integer>> groups = new java.util.LinkedHashMap<>();
    for (int g = 0; g < index.repository.length; g++) {
      List<Integer> members = new ArrayList<>();
      for (int j = index.start[g]; j < index.start[g + 1]; j++) {
        members.add(index.order[j]);
      }
      groups.put(List.of(index.repository[g], index.environment[g]), members);
    }
    return groups;
  }

  @Test
  void of_randomKeys_equalsTreeMapOfInputOrderLists() {
    Random random = new Random(20260307L);
    for (int round = 0; round < 2_000; round++) {
      int n = random.nextInt(round < 1_500 ? 50 : 2_000);
      int repositories = 1 + random.nextInt(20);
      int environments = 1 + random.nextInt(5);
      String[] repository = new String[n];
      String[] env = new String[n];
      for (int i = 0; i < n; i++) {
        // "r1" and "r10" share a prefix, and new String defeats any identity shortcut
        repository[i] = new String("r" + random.nextInt(repositories));
        env[i] = new String("e" + random.nextInt(environments));
      }

      GroupIndex index = GroupIndex.of(repository, env);

      Map<List<String>, List<Integer>> expected = reference(repository, env);
      assertEquals(List.copyOf(expected.entrySet()), List.copyOf(actual(index).entrySet()));
      assertEquals(expected.size() + 1, index.start.length);
      assertEquals(n, index.start[expected.size()]);
    }
  }

  @Test
  void of_keysThatCollideWhenConcatenated_areDifferentGroups() {
    String[] repository = {"ab", "a", "ab"};
    String[] env = {"c", "bc", "c"};

    GroupIndex index = GroupIndex.of(repository, env);

    assertArrayEquals(new String[] {"a", "ab"}, index.repository);
    assertArrayEquals(new String[] {"bc", "c"}, index.environment);
    assertArrayEquals(new int[] {1, 0, 2}, index.order);
    assertArrayEquals(new int[] {0, 1, 3}, index.start);
  }

  @Test
  void of_empty_hasNoGroups() {
    GroupIndex index = GroupIndex.of(new String[0], new String[0]);

    assertEquals(0, index.repository.length);
    assertArrayEquals(new int[] {0}, index.start);
  }
}
