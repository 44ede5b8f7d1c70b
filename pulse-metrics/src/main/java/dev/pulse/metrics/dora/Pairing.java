package dev.pulse.metrics.dora;

import dev.pulse.model.Deployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The result of {@link DeploymentPairer}: every deployment in pairing order with the status of each
 * failure.
 *
 * <p>Immutable and thread-safe. The counts cover all environments; {@link TimeToRestore} narrows
 * them to production and a window. {@link #failures()} materializes one record per failure on each
 * call. A pairing remembers the environment aliases and open-incident window it was made with;
 * every calculator that takes a pairing rejects options that differ in either.
 */
public final class Pairing {
  final Deployment[] deployments;
  final long[] time;
  final byte[] kind;
  final byte[] status;
  final int[] link;
  final int[] groupStart;
  final String[] groupRepository;
  final String[] groupEnvironment;
  private final EnvironmentAliases environmentAliases;
  private final Duration openIncidentWindow;
  private final int resolved;
  private final int open;
  private final int superseded;

  private Pairing(
      Deployment[] deployments,
      long[] time,
      byte[] kind,
      byte[] status,
      int[] link,
      int[] groupStart,
      String[] groupRepository,
      String[] groupEnvironment,
      EnvironmentAliases environmentAliases,
      Duration openIncidentWindow) {
    this.deployments = deployments;
    this.environmentAliases = environmentAliases;
    this.openIncidentWindow = openIncidentWindow;
    this.time = time;
    this.kind = kind;
    this.status = status;
    this.link = link;
    this.groupStart = groupStart;
    this.groupRepository = groupRepository;
    this.groupEnvironment = groupEnvironment;
    int r = 0;
    int o = 0;
    int s = 0;
    for (byte st : status) {
      if (st == PairingCore.RESOLVED) {
        r++;
      } else if (st == PairingCore.OPEN) {
        o++;
      } else if (st == PairingCore.SUPERSEDED) {
        s++;
      }
    }
    this.resolved = r;
    this.open = o;
    this.superseded = s;
  }

  static Pairing create(
      Deployment[] deployments,
      long[] time,
      byte[] kind,
      int[] groupStart,
      String[] groupRepository,
      String[] groupEnvironment,
      DoraOptions options) {
    return create(
        deployments,
        time,
        kind,
        groupStart,
        groupRepository,
        groupEnvironment,
        options.environmentAliases(),
        options.openIncidentWindow());
  }

  private static Pairing create(
      Deployment[] deployments,
      long[] time,
      byte[] kind,
      int[] groupStart,
      String[] groupRepository,
      String[] groupEnvironment,
      EnvironmentAliases environmentAliases,
      Duration openIncidentWindow) {
    long windowNanos = openIncidentWindow.toNanos();
    int n = deployments.length;
    byte[] status = new byte[n];
    int[] link = new int[n];
    for (int g = 0; g + 1 < groupStart.length; g++) {
      PairingWalk.pairRun(time, kind, groupStart[g], groupStart[g + 1], windowNanos, status, link);
    }
    return new Pairing(
        deployments,
        time,
        kind,
        status,
        link,
        groupStart,
        groupRepository,
        groupEnvironment,
        environmentAliases,
        openIncidentWindow);
  }

  /**
   * Returns the environment aliases the deployments were grouped with.
   *
   * @return the aliases of the pairer's options
   */
  public EnvironmentAliases environmentAliases() {
    return environmentAliases;
  }

  /**
   * Returns the open-incident window the failures were paired with.
   *
   * @return the window of the pairer's options
   */
  public Duration openIncidentWindow() {
    return openIncidentWindow;
  }

  /**
   * Checks that options given to a calculator match the options this pairing was made with, so that
   * a metric is never computed over groups or incidents formed under other rules (which would
   * silently give zero counts).
   *
   * @param options the calculator's options
   * @throws IllegalArgumentException naming both values if the environment aliases or the
   *     open-incident window differ
   */
  void requireCompatible(DoraOptions options) {
    if (!environmentAliases.equals(options.environmentAliases())) {
      throw new IllegalArgumentException(
          "pairing was made with environmentAliases "
              + environmentAliases
              + " but the options have environmentAliases "
              + options.environmentAliases()
              + "; pair with the same options");
    }
    if (!openIncidentWindow.equals(options.openIncidentWindow())) {
      throw new IllegalArgumentException(
          "pairing was made with openIncidentWindow "
              + openIncidentWindow
              + " but the options have openIncidentWindow "
              + options.openIncidentWindow()
              + "; pair with the same options");
    }
  }

  /**
   * Returns the pairing of the deployments of some repositories only: equal to pairing those
   * deployments alone with the same options, without sorting them again (a report's figures per
   * repository or per team, say). Pairs never cross a repository, so each group is kept whole.
   *
   * @param repositories the repositories to keep; others are left out
   * @return the pairing of their deployments, in this pairing's order
   */
  public Pairing restrictedTo(Set<String> repositories) {
    Objects.requireNonNull(repositories, "repositories");
    int groups = groupRepository.length;
    int keptGroups = 0;
    int keptDeployments = 0;
    boolean[] keep = new boolean[groups];
    for (int g = 0; g < groups; g++) {
      if (repositories.contains(groupRepository[g])) {
        keep[g] = true;
        keptGroups++;
        keptDeployments += groupStart[g + 1] - groupStart[g];
      }
    }
    Deployment[] d = new Deployment[keptDeployments];
    long[] t = new long[keptDeployments];
    byte[] k = new byte[keptDeployments];
    byte[] st = new byte[keptDeployments];
    int[] l = new int[keptDeployments];
    int[] starts = new int[keptGroups + 1];
    String[] repository = new String[keptGroups];
    String[] environment = new String[keptGroups];
    int at = 0;
    int h = 0;
    for (int g = 0; g < groups; g++) {
      if (!keep[g]) {
        continue;
      }
      int from = groupStart[g];
      int length = groupStart[g + 1] - from;
      System.arraycopy(deployments, from, d, at, length);
      System.arraycopy(time, from, t, at, length);
      System.arraycopy(kind, from, k, at, length);
      System.arraycopy(status, from, st, at, length);
      // pairs never leave their group, so each link moves with it
      for (int i = 0; i < length; i++) {
        int target = link[from + i];
        l[at + i] = st[at + i] == PairingCore.NONE || target < 0 ? target : target - from + at;
      }
      starts[h] = at;
      repository[h] = groupRepository[g];
      environment[h] = groupEnvironment[g];
      h++;
      at += length;
    }
    starts[keptGroups] = at;
    // the pairs are copied, not made again: a pairing from restrictedTo(Predicate) keeps its own
    return new Pairing(
        d, t, k, st, l, starts, repository, environment, environmentAliases, openIncidentWindow);
  }

  /**
   * Returns the part of this pairing that some deployments make up, keeping this pairing's pairs:
   * unlike pairing those deployments alone, a kept failure keeps the outcome it has among all the
   * deployments of its repository and environment. A kept failure's recovering success (or, for a
   * superseded failure, its anchor) that is not kept stays in the result at its place, as a
   * deployment that counts for nothing ({@link dev.pulse.model.DeploymentResult#ABORTED}'s kind: no
   * deployment, no failure, no change shipped), so the recovery time is the repository's. A kept
   * success that recovered a failure not kept counts as a deployment only.
   *
   * <p>This is how a monorepo component's team sees the deployments that changed its component
   * ({@link Deployment#components()}) without getting a different recovery time from the
   * repository's.
   *
   * @param keep which deployments to keep
   * @return the pairing of the kept deployments, in this pairing's order
   */
  public Pairing restrictedTo(Predicate<Deployment> keep) {
    Objects.requireNonNull(keep, "keep");
    int n = deployments.length;
    // 1: kept, 2: kept only as the far end of a kept failure's link
    byte[] role = new byte[n];
    for (int i = 0; i < n; i++) {
      if (keep.test(deployments[i])) {
        role[i] = 1;
      }
    }
    for (int i = 0; i < n; i++) {
      if (role[i] == 1 && status[i] != PairingCore.NONE && link[i] >= 0 && role[link[i]] == 0) {
        role[link[i]] = 2;
      }
    }
    int[] index = new int[n];
    int size = 0;
    int groups = 0;
    for (int g = 0; g < groupRepository.length; g++) {
      int before = size;
      for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
        index[i] = size;
        if (role[i] != 0) {
          size++;
        }
      }
      if (size > before) {
        groups++;
      }
    }
    Deployment[] d = new Deployment[size];
    long[] t = new long[size];
    byte[] k = new byte[size];
    byte[] st = new byte[size];
    int[] l = new int[size];
    int[] starts = new int[groups + 1];
    String[] repository = new String[groups];
    String[] environment = new String[groups];
    int h = 0;
    for (int g = 0; g < groupRepository.length; g++) {
      int from = groupStart[g];
      int to = groupStart[g + 1];
      boolean any = false;
      for (int i = from; i < to; i++) {
        if (role[i] == 0) {
          continue;
        }
        int j = index[i];
        if (!any) {
          starts[h] = j;
          repository[h] = groupRepository[g];
          environment[h] = groupEnvironment[g];
          any = true;
        }
        d[j] = deployments[i];
        t[j] = time[i];
        if (role[i] == 1) {
          k[j] = kind[i];
          st[j] = status[i];
          l[j] = status[i] == PairingCore.NONE ? 0 : link[i] < 0 ? -1 : index[link[i]];
        } else {
          k[j] = PairingCore.OTHER;
          st[j] = PairingCore.NONE;
        }
      }
      if (any) {
        h++;
      }
    }
    starts[groups] = size;
    return new Pairing(
        d, t, k, st, l, starts, repository, environment, environmentAliases, openIncidentWindow);
  }

  /**
   * Returns the number of deployments paired, of every result.
   *
   * @return the input size after dropping earlier occurrences of a repeated (repository, build id)
   */
  public int deploymentCount() {
    return deployments.length;
  }

  /**
   * Returns the number of (repository, normalized environment) groups.
   *
   * @return the group count
   */
  public int groupCount() {
    return groupRepository.length;
  }

  /**
   * Returns the number of resolved anchors.
   *
   * @return failures with {@link IncidentStatus#RESOLVED}
   */
  public int resolvedCount() {
    return resolved;
  }

  /**
   * Returns the number of open anchors.
   *
   * @return failures with {@link IncidentStatus#OPEN}
   */
  public int openCount() {
    return open;
  }

  /**
   * Returns the number of superseded failures.
   *
   * @return failures with {@link IncidentStatus#SUPERSEDED}
   */
  public int supersededCount() {
    return superseded;
  }

  /**
   * Returns every failed deployment with its outcome, in pairing order.
   *
   * @return a new unmodifiable list
   */
  public List<PairedFailure> failures() {
    List<PairedFailure> out = new ArrayList<>(resolved + open + superseded);
    for (int g = 0; g < groupRepository.length; g++) {
      for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
        if (status[i] != PairingCore.NONE) {
          out.add(toRecord(deployments, groupEnvironment[g], status[i], i, link[i]));
        }
      }
    }
    return Collections.unmodifiableList(out);
  }

  static PairedFailure toRecord(
      Deployment[] deployments, String environment, byte status, int i, int link) {
    Deployment failure = deployments[i];
    return switch (status) {
      case PairingCore.RESOLVED -> {
        Deployment success = deployments[link];
        yield new PairedFailure(
            failure,
            environment,
            IncidentStatus.RESOLVED,
            null,
            success,
            Duration.between(failure.effectiveAt(), success.effectiveAt()));
      }
      case PairingCore.SUPERSEDED ->
          new PairedFailure(
              failure, environment, IncidentStatus.SUPERSEDED, deployments[link], null, null);
      case PairingCore.OPEN ->
          new PairedFailure(failure, environment, IncidentStatus.OPEN, null, null, null);
      default -> throw new IllegalStateException("not a failure: " + status);
    };
  }

  @Override
  public String toString() {
    return "Pairing{deployments="
        + deployments.length
        + ", groups="
        + groupRepository.length
        + ", environmentAliases="
        + environmentAliases
        + ", openIncidentWindow="
        + openIncidentWindow
        + ", resolved="
        + resolved
        + ", open="
        + open
        + ", superseded="
        + superseded
        + "}";
  }
}
