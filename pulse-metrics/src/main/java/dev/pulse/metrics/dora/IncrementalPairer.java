package dev.pulse.metrics.dora;

import dev.pulse.model.Deployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A stateful pairer that keeps the deployments seen so far and re-pairs only the recent past when
 * new ones arrive.
 *
 * <p>Deployments are upserted by (repository, build id): adding a deployment again replaces the
 * earlier version (a running deployment that later finishes, say), also within one {@link #add}
 * call, where the later element wins. This is the batch pairer's rule too (the last occurrence in
 * input order is kept), so pairing everything ever added, in the order added, with {@link
 * DeploymentPairer#pair} gives the same result. {@link #rePair(Instant)} re-pairs, in every group,
 * the chain that is open at {@code since} and everything after it, and keeps the earlier results.
 * Because the pairing of a failure depends only on its group's deployments from its chain's start
 * onwards, the result equals pairing everything with {@link DeploymentPairer#pair}, provided every
 * deployment added or replaced since the previous pairing has an effective time at or after {@code
 * since}; this is checked, so a too-late {@code since} is rejected rather than silently giving a
 * different answer. Re-pairing is idempotent.
 *
 * <p>Not thread-safe: confine an instance to one thread or guard it externally.
 */
public final class IncrementalPairer {

  private final DoraOptions options;
  private final long windowNanos;
  private final TreeMap<GroupKey, Group> groups = new TreeMap<>();
  private final Map<BuildKey, Deployment> byBuild = new HashMap<>();
  private @Nullable Instant earliestPending;

  private IncrementalPairer(DoraOptions options) {
    this.options = options;
    this.windowNanos = options.openIncidentWindow().toNanos();
  }

  /**
   * Returns an empty incremental pairer.
   *
   * @param options the open-incident window and environment aliases are used
   * @return the pairer
   */
  public static IncrementalPairer create(DoraOptions options) {
    return new IncrementalPairer(Objects.requireNonNull(options, "options"));
  }

  /**
   * Adds or replaces deployments; they are paired by the next {@link #rePair(Instant)}.
   *
   * @param deployments the deployments, in any order
   */
  public void add(Collection<? extends Deployment> deployments) {
    for (Deployment d : deployments) {
      Objects.requireNonNull(d, "deployment");
      PairingCore.nanos(d.effectiveAt()); // range check now rather than at pairing time
      Deployment previous = byBuild.put(new BuildKey(d.repository(), d.buildId()), d);
      if (previous != null) {
        Group old = groups.get(key(previous));
        if (old != null) {
          old.remove(previous);
        }
        pending(previous.effectiveAt());
      }
      groups.computeIfAbsent(key(d), k -> new Group()).insert(d);
      pending(d.effectiveAt());
    }
  }

  /**
   * Returns the earliest effective time among deployments added or replaced since the last pairing.
   *
   * @return that time, or null when nothing is pending
   */
  public @Nullable Instant earliestPending() {
    return earliestPending;
  }

  /**
   * Re-pairs every group from the chain open at {@code since} onwards.
   *
   * @param since the start of the re-paired period, e.g. now minus N days
   * @return the failures whose outcome was recomputed, in pairing order
   * @throws IllegalArgumentException if a deployment added or replaced since the last pairing is
   *     before {@code since}
   */
  public List<PairedFailure> rePair(Instant since) {
    Objects.requireNonNull(since, "since");
    Instant pending = earliestPending;
    if (pending != null && pending.isBefore(since)) {
      throw new IllegalArgumentException(
          "since must be at or before "
              + pending
              + ", the earliest deployment added since the last pairing, but was "
              + since);
    }
    List<PairedFailure> changed = new ArrayList<>();
    groups.forEach((key, group) -> group.rePair(key.environment(), since, windowNanos, changed));
    earliestPending = null;
    return Collections.unmodifiableList(changed);
  }

  /**
   * Re-pairs everything.
   *
   * @return every failure, in pairing order
   */
  public List<PairedFailure> pairAll() {
    return rePair(Instant.MIN);
  }

  /**
   * Returns the current outcome of every failure, in pairing order.
   *
   * @return a new unmodifiable list
   * @throws IllegalStateException if deployments were added since the last pairing
   */
  public List<PairedFailure> failures() {
    if (earliestPending != null) {
      throw new IllegalStateException(
          "deployments were added since the last pairing; call rePair first");
    }
    List<PairedFailure> out = new ArrayList<>();
    groups.values().forEach(g -> out.addAll(g.results));
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the number of deployments held.
   *
   * @return distinct (repository, build id) pairs added so far
   */
  public int size() {
    return byBuild.size();
  }

  private void pending(Instant t) {
    Instant p = earliestPending;
    if (p == null || t.isBefore(p)) {
      earliestPending = t;
    }
  }

  private GroupKey key(Deployment d) {
    return new GroupKey(d.repository(), options.environmentAliases().normalize(d.environment()));
  }

  private record BuildKey(String repository, String buildId) {}

  private record GroupKey(String repository, String environment) implements Comparable<GroupKey> {
    @Override
    public int compareTo(GroupKey o) {
      int c = repository.compareTo(o.repository);
      return c != 0 ? c : environment.compareTo(o.environment);
    }
  }

  /**
   * One (repository, environment) group: its deployments in pairing order and the outcome of its
   * failures.
   */
  private static final class Group {
    final List<Deployment> items = new ArrayList<>();
    final List<PairedFailure> results = new ArrayList<>();

    void insert(Deployment d) {
      int at = Collections.binarySearch(items, d, PairingCore::compareInGroup);
      items.add(at < 0 ? -at - 1 : at, d);
    }

    void remove(Deployment d) {
      int at = Collections.binarySearch(items, d, PairingCore::compareInGroup);
      if (at >= 0 && items.get(at).equals(d)) {
        items.remove(at);
      } else {
        items.remove(d);
      }
    }

    void rePair(String environment, Instant since, long windowNanos, List<PairedFailure> changed) {
      int n = items.size();
      int lo = 0;
      int hi = n;
      while (lo < hi) { // first index with effective time >= since
        int mid = (lo + hi) >>> 1;
        if (items.get(mid).effectiveAt().isBefore(since)) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      int chainStart = lo;
      while (chainStart > 0
          && PairingCore.kind(items.get(chainStart - 1).result()) != PairingCore.SUCCESS) {
        chainStart--;
      }
      int kept = 0;
      for (int i = 0; i < chainStart; i++) {
        if (PairingCore.kind(items.get(i).result()) == PairingCore.FAILURE) {
          kept++;
        }
      }
      results.subList(kept, results.size()).clear();
      int m = n - chainStart;
      Deployment[] run = items.subList(chainStart, n).toArray(new Deployment[0]);
      long[] time = new long[m];
      byte[] kind = new byte[m];
      for (int i = 0; i < m; i++) {
        time[i] = PairingCore.nanos(run[i].effectiveAt());
        kind[i] = PairingCore.kind(run[i].result());
      }
      byte[] status = new byte[m];
      int[] link = new int[m];
      PairingWalk.pairRun(time, kind, 0, m, windowNanos, status, link);
      for (int i = 0; i < m; i++) {
        if (status[i] != PairingCore.NONE) {
          PairedFailure f = Pairing.toRecord(run, environment, status[i], i, link[i]);
          results.add(f);
          changed.add(f);
        }
      }
    }
  }
}
