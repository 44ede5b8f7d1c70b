package dev.pulse.metrics.dora;

import dev.pulse.model.Deployment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Pairs each failed deployment with the success that restored it, per (repository, environment).
 *
 * <h2>Rules</h2>
 *
 * Environments are normalized with {@link DoraOptions#environmentAliases()} first; deployments are
 * then grouped by (repository, normalized environment) and ordered by <i>pairing order</i>:
 * effective time ({@link Deployment#effectiveAt()}), then at equal times failures before successes
 * before other results, then build id. Within a group, walking in that order:
 *
 * <ul>
 *   <li>the first failure after a success (or at the start) anchors an incident;
 *   <li>later failures before the next success are {@link IncidentStatus#SUPERSEDED} and point to
 *       that anchor;
 *   <li>the next success closes the chain. If it is at most {@link
 *       DoraOptions#openIncidentWindow()} after the anchor, the anchor is {@link
 *       IncidentStatus#RESOLVED} and owns the recovery time; otherwise, or when no success follows,
 *       the anchor is {@link IncidentStatus#OPEN};
 *   <li>aborted and unknown results neither fail nor restore and are skipped.
 * </ul>
 *
 * So for {@code F1 S1 F2} the failure {@code F2} anchors its own incident, and for {@code F1 F2 F3
 * S} there is one incident anchored by {@code F1} with two superseded failures.
 *
 * <p>The pairing of a failure depends only on deployments of its group from its chain's start
 * onwards, which is what makes {@link IncrementalPairer} exact. Pairing runs in linear time on
 * input already in pairing order and in {@code O(n log n)} otherwise, over primitive arrays.
 *
 * <p>A deployment is identified by (repository, build id). When the input holds one more than once
 * (a running deployment reported again once finished, say), only the <b>last occurrence in input
 * order</b> is kept, exactly as {@link IncrementalPairer#add} replaces an earlier version by a
 * later one; so pairing everything ever added, in the order added, gives the incremental pairer's
 * result. Instances are immutable and thread-safe.
 */
public final class DeploymentPairer {

  private final DoraOptions options;

  private DeploymentPairer(DoraOptions options) {
    this.options = options;
  }

  /**
   * Returns a pairer with the given options.
   *
   * @param options the open-incident window and environment aliases are used
   * @return the pairer
   */
  public static DeploymentPairer of(DoraOptions options) {
    return new DeploymentPairer(Objects.requireNonNull(options, "options"));
  }

  /**
   * Returns the options.
   *
   * @return the options this pairer was created with
   */
  public DoraOptions options() {
    return options;
  }

  /**
   * Returns the pairing order: repository, normalized environment, effective time, failures before
   * successes at equal times, then build id.
   *
   * @param aliases the aliases that normalize environments
   * @return a comparator that sorts deployments into pairing order
   */
  public static Comparator<Deployment> pairingOrder(EnvironmentAliases aliases) {
    Objects.requireNonNull(aliases, "aliases");
    return Comparator.comparing(Deployment::repository)
        .thenComparing(d -> aliases.normalize(d.environment()))
        .thenComparing(PairingCore::compareInGroup);
  }

  /**
   * Pairs deployments given in any order.
   *
   * @param deployments the deployments; when a (repository, build id) occurs more than once, only
   *     its last occurrence in iteration order is paired (the same rule as {@link
   *     IncrementalPairer#add})
   * @return the pairing
   * @throws IllegalArgumentException if an effective time is outside the supported range (years
   *     1677 to 2262)
   */
  public Pairing pair(Collection<? extends Deployment> deployments) {
    Deployment[] in = lastPerBuild(deployments.toArray(new Deployment[0]), null);
    Input input = Input.of(in, options.environmentAliases());
    Pairing sorted = input.pairIfSorted(options);
    return sorted != null ? sorted : input.sortAndPair(options);
  }

  /**
   * Pairs deployments that are already in pairing order, without sorting them.
   *
   * @param deployments the deployments in {@link #pairingOrder(EnvironmentAliases)}; of a repeated
   *     (repository, build id) only the last occurrence is paired, and only the kept deployments
   *     need to be in order
   * @return the pairing
   * @throws IllegalArgumentException if the deployments are not in pairing order, naming the first
   *     misplaced one
   */
  public Pairing pairSorted(List<? extends Deployment> deployments) {
    Deployment[] all = deployments.toArray(new Deployment[0]);
    int[] kept = new int[all.length];
    Deployment[] in = lastPerBuild(all, kept);
    Input input = Input.of(in, options.environmentAliases());
    Pairing sorted = input.pairIfSorted(options);
    if (sorted == null) {
      int inversion = input.firstInversion();
      Deployment d = in[inversion];
      throw new IllegalArgumentException(
          "deployments are not in pairing order at index "
              + kept[inversion]
              + ": "
              + d.repository()
              + "/"
              + d.buildId()
              + " sorts before the one preceding it");
    }
    return sorted;
  }

  /**
   * Drops every deployment whose (repository, build id) occurs again later in the array, keeping
   * the rest in input order: the last occurrence wins, as with {@link IncrementalPairer#add}.
   * Returns {@code in} itself when there is no duplicate. When {@code kept} is given, {@code
   * kept[j]} receives the input index of the j-th kept deployment.
   */
  static Deployment[] lastPerBuild(Deployment[] in, int @Nullable [] kept) {
    int n = in.length;
    int capacity =
        Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1; // a power of two, load factor <= 1/2
    int[] table =
        new int[capacity]; // index + 1 of the latest deployment with that key, 0 when free
    int mask = capacity - 1;
    boolean[] dropped = null;
    int drops = 0;
    for (int i = 0; i < n; i++) {
      Deployment d = Objects.requireNonNull(in[i], "deployment");
      String repository = d.repository();
      String build = d.buildId();
      int h = build.hashCode() * 31 + repository.hashCode();
      h ^= h >>> 16;
      int slot = (h * 0x9E3779B9) & mask;
      while (true) {
        int at = table[slot];
        if (at == 0) {
          table[slot] = i + 1;
          break;
        }
        Deployment other = in[at - 1];
        if (other.buildId().equals(build) && other.repository().equals(repository)) {
          if (dropped == null) {
            dropped = new boolean[n];
          }
          dropped[at - 1] = true;
          drops++;
          table[slot] = i + 1;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    if (dropped == null) {
      if (kept != null) {
        for (int i = 0; i < n; i++) {
          kept[i] = i;
        }
      }
      return in;
    }
    Deployment[] out = new Deployment[n - drops];
    int j = 0;
    for (int i = 0; i < n; i++) {
      if (!dropped[i]) {
        if (kept != null) {
          kept[j] = i;
        }
        out[j++] = in[i];
      }
    }
    return out;
  }

  /** The deployments in input order with their primitive keys. */
  private static final class Input {
    /** Runs up to this length are insertion-sorted; longer ones are merge-sorted. */
    static final int INSERTION_SORT_MAX = 16;

    final Deployment[] in;
    final String[] repo;
    final String[] env;
    final long[] time;
    final byte[] kind;

    private Input(Deployment[] in, String[] repo, String[] env, long[] time, byte[] kind) {
      this.in = in;
      this.repo = repo;
      this.env = env;
      this.time = time;
      this.kind = kind;
    }

    static Input of(Deployment[] in, EnvironmentAliases aliases) {
      int n = in.length;
      String[] repo = new String[n];
      String[] env = new String[n];
      long[] time = new long[n];
      byte[] kind = new byte[n];
      Map<String, String> normalized = new HashMap<>();
      String lastRaw = null;
      String lastNormalized = null;
      for (int i = 0; i < n; i++) {
        Deployment d = Objects.requireNonNull(in[i], "deployment");
        String raw = d.environment();
        String e;
        if (raw.equals(lastRaw) && lastNormalized != null) {
          e = lastNormalized;
        } else {
          e = normalized.computeIfAbsent(raw, aliases::normalize);
          lastRaw = raw;
          lastNormalized = e;
        }
        repo[i] = d.repository();
        env[i] = e;
        time[i] = PairingCore.nanos(d.effectiveAt());
        kind[i] = PairingCore.kind(d.result());
      }
      return new Input(in, repo, env, time, kind);
    }

    /** Returns the first index that sorts before its predecessor, or -1 when in pairing order. */
    int firstInversion() {
      for (int i = 1; i < in.length; i++) {
        int c = repo[i - 1].compareTo(repo[i]);
        if (c == 0) {
          c = env[i - 1].compareTo(env[i]);
          if (c == 0) {
            c = compareInGroup(i - 1, i);
          }
        }
        if (c > 0) {
          return i;
        }
      }
      return -1;
    }

    int compareInGroup(int a, int b) {
      long ta = time[a];
      long tb = time[b];
      if (ta != tb) {
        return ta < tb ? -1 : 1;
      }
      int c = Integer.compare(PairingCore.rank(kind[a]), PairingCore.rank(kind[b]));
      return c != 0 ? c : in[a].buildId().compareTo(in[b].buildId());
    }

    /**
     * Pairs in one pass when the input is in pairing order; returns null at the first inversion.
     */
    @Nullable Pairing pairIfSorted(DoraOptions options) {
      int n = in.length;
      int[] starts = new int[16];
      int groups = 0;
      if (n > 0) {
        starts[groups++] = 0;
      }
      for (int i = 1; i < n; i++) {
        String previousRepository = repo[i - 1];
        String repository = repo[i];
        int c;
        boolean sameGroup = false;
        if (previousRepository.equals(repository)) {
          if (env[i - 1].equals(env[i])) {
            c = compareInGroup(i - 1, i);
            sameGroup = true;
          } else {
            c = env[i - 1].compareTo(env[i]);
          }
        } else {
          c = previousRepository.compareTo(repository);
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
      String[] groupRepository = new String[groups];
      String[] groupEnvironment = new String[groups];
      for (int g = 0; g < groups; g++) {
        groupRepository[g] = in[groupStart[g]].repository();
        groupEnvironment[g] = env[groupStart[g]];
      }
      return Pairing.create(in, time, kind, groupStart, groupRepository, groupEnvironment, options);
    }

    Pairing sortAndPair(DoraOptions options) {
      int n = in.length;
      // 1. group ids by (repository, environment), then ranks in (repository, environment) order
      Map<String, Map<String, Integer>> ids = new HashMap<>();
      List<String[]> keys = new ArrayList<>();
      int[] group = new int[n];
      for (int i = 0; i < n; i++) {
        Map<String, Integer> byEnv = ids.computeIfAbsent(repo[i], r -> new HashMap<>());
        Integer id = byEnv.get(env[i]);
        if (id == null) {
          id = keys.size();
          byEnv.put(env[i], id);
          keys.add(new String[] {repo[i], env[i]});
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
      // 2. counting sort by group rank (stable)
      int[] groupStart = new int[groups + 1];
      for (int i = 0; i < n; i++) {
        groupStart[rankOf[group[i]] + 1]++;
      }
      for (int g = 0; g < groups; g++) {
        groupStart[g + 1] += groupStart[g];
      }
      int[] fill = Arrays.copyOf(groupStart, groups);
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[fill[rankOf[group[i]]]++] = i;
      }
      // 3. sort each group by (time, kind rank, build id)
      int largest = 0;
      for (int g = 0; g < groups; g++) {
        largest = Math.max(largest, groupStart[g + 1] - groupStart[g]);
      }
      long[] packed = new long[largest];
      int[] tmp = new int[Math.max(n, 1)];
      for (int g = 0; g < groups; g++) {
        sortGroup(order, tmp, packed, groupStart[g], groupStart[g + 1]);
      }
      // 4. permute into pairing order
      Deployment[] sorted = new Deployment[n];
      long[] sortedTime = new long[n];
      byte[] sortedKind = new byte[n];
      for (int j = 0; j < n; j++) {
        int i = order[j];
        sorted[j] = in[i];
        sortedTime[j] = time[i];
        sortedKind[j] = kind[i];
      }
      String[] groupRepository = new String[groups];
      String[] groupEnvironment = new String[groups];
      for (int r = 0; r < groups; r++) {
        String[] key = keys.get(byKey[r]);
        groupRepository[r] = key[0];
        groupEnvironment[r] = key[1];
      }
      return Pairing.create(
          sorted, sortedTime, sortedKind, groupStart, groupRepository, groupEnvironment, options);
    }

    /**
     * Sorts {@code order[from, to)} by {@link #compareInGroup}. When the group's time span leaves
     * room, each element becomes one primitive key {@code (time - min) << bits | position} sorted
     * with {@link Arrays#sort(long[])}, and only runs of equal times are then re-ordered by kind
     * and build id (insertion sort up to {@link #INSERTION_SORT_MAX} elements, merge sort beyond,
     * so the whole sort stays {@code O(n log n)}); otherwise a merge sort compares directly.
     */
    private void sortGroup(int[] order, int[] tmp, long[] keys, int from, int to) {
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
      for (int j = 1;
          j < m;
          j++) { // equal times keep input order so far: order them by kind and build id
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
        while (j >= lo && compareInGroup(a[j], x) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = x;
      }
    }

    /**
     * Sorts {@code a[from, to)} by {@link #compareInGroup}: insertion sort on short runs, then
     * bottom-up merges.
     */
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
            dst[k++] = compareInGroup(src[j], src[i]) < 0 ? src[j++] : src[i++];
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
}
