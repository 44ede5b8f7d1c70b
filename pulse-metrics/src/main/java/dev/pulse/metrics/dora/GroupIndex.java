package dev.pulse.metrics.dora;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Elements partitioned into their (repository, environment) groups, the groups in key order
 * (repository, then environment) and each group's elements in input order.
 *
 * <p>Group {@code g} holds the element indices {@code order[start[g], start[g + 1])} and has the
 * key ({@code repository[g]}, {@code environment[g]}). Immutable by convention: nobody writes the
 * arrays after {@link #of}, though a caller may sort within a group's range of {@link #order}.
 */
final class GroupIndex {
  final int[] order;
  final int[] start;
  final String[] repository;
  final String[] environment;

  private GroupIndex(int[] order, int[] start, String[] repository, String[] environment) {
    this.order = order;
    this.start = start;
    this.repository = repository;
    this.environment = environment;
  }

  /**
   * Groups element {@code i} by ({@code repository[i]}, {@code environment[i]}).
   *
   * @param repository one repository per element
   * @param environment one (already normalized) environment per element, as long as {@code
   *     repository}
   */
  static GroupIndex of(String[] repository, String[] environment) {
    int n = repository.length;
    // 1. a dense id per distinct key, in first-seen order; few keys, so only they are sorted
    Map<String, Map<String, Integer>> ids = new HashMap<>();
    List<String[]> keys = new ArrayList<>();
    int[] group = new int[n];
    for (int i = 0; i < n; i++) {
      String env = environment[i];
      Map<String, Integer> byEnv = ids.computeIfAbsent(repository[i], r -> new HashMap<>());
      Integer id = byEnv.get(env);
      if (id == null) {
        id = keys.size();
        byEnv.put(env, id);
        keys.add(new String[] {repository[i], env});
      }
      group[i] = id;
    }
    int groups = keys.size();
    Integer[] byKey = new Integer[groups];
    for (int g = 0; g < groups; g++) {
      byKey[g] = g;
    }
    Arrays.sort(
        byKey,
        (a, b) -> {
          int c = keys.get(a)[0].compareTo(keys.get(b)[0]);
          return c != 0 ? c : keys.get(a)[1].compareTo(keys.get(b)[1]);
        });
    int[] rankOf = new int[groups];
    for (int r = 0; r < groups; r++) {
      rankOf[byKey[r]] = r;
    }
    // 2. a stable counting sort of the elements by their group's rank
    int[] start = new int[groups + 1];
    for (int i = 0; i < n; i++) {
      start[rankOf[group[i]] + 1]++;
    }
    for (int g = 0; g < groups; g++) {
      start[g + 1] += start[g];
    }
    int[] fill = Arrays.copyOf(start, groups);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[fill[rankOf[group[i]]]++] = i;
    }
    String[] groupRepository = new String[groups];
    String[] groupEnvironment = new String[groups];
    for (int r = 0; r < groups; r++) {
      String[] key = keys.get(byKey[r]);
      groupRepository[r] = key[0];
      groupEnvironment[r] = key[1];
    }
    return new GroupIndex(order, start, groupRepository, groupEnvironment);
  }
}
