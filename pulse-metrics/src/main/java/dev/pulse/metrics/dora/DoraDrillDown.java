package dev.pulse.metrics.dora;

import dev.pulse.model.PullRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Lists the records behind each DORA figure of a window with the rule that classified each, so that
 * a figure can be recomputed by hand from its list: the counts of {@link Dora#compute(Pairing,
 * java.util.Collection, CommitRange, Window, DoraOptions)} are the numbers of records per rule.
 *
 * <p>Stateless and thread-safe.
 */
public final class DoraDrillDown {
  private DoraDrillDown() {}

  /**
   * Lists the records of every figure.
   *
   * @param pairing the deployments, paired with the same options
   * @param pullRequests pull requests in any order
   * @param commitRange the merge commits of each deployment, or null
   * @param window the window
   * @param options the options
   * @return the records, by figure (in {@link DoraMetric} order), then in pairing or input order
   * @throws IllegalArgumentException if {@code options} differ from the pairing's in environment
   *     aliases or open-incident window
   */
  public static List<DrillDownRecord> records(
      Pairing pairing,
      Iterable<PullRequest> pullRequests,
      @Nullable CommitRange commitRange,
      Window window,
      DoraOptions options) {
    Objects.requireNonNull(pullRequests, "pullRequests");
    pairing.requireCompatible(options);
    long[] bounds = PairingCore.bounds(window);
    List<DrillDownRecord> out = new ArrayList<>();
    List<DrillDownRecord> cfr = new ArrayList<>();
    List<DrillDownRecord> recovery = new ArrayList<>();
    long flaky = options.flakyThreshold().toNanos();
    for (int g = 0; g < pairing.groupEnvironment.length; g++) {
      String environment = pairing.groupEnvironment[g];
      if (!options.isProduction(environment)) {
        continue;
      }
      String repository = pairing.groupRepository[g];
      for (int i = pairing.groupStart[g]; i < pairing.groupStart[g + 1]; i++) {
        long t = pairing.time[i];
        byte kind = pairing.kind[i];
        String build = pairing.deployments[i].buildId();
        Instant at = Instant.ofEpochSecond(0, t);
        boolean inside = t >= bounds[0] && t <= bounds[1];
        if (inside && kind == PairingCore.SUCCESS) {
          out.add(
              deployment(DoraMetric.DEPLOYMENT_FREQUENCY, repository, environment, build, at)
                  .rule("COUNTED", null));
        }
        if (inside && kind != PairingCore.OTHER) {
          cfr.add(
              deployment(DoraMetric.CHANGE_FAILURE_RATE, repository, environment, build, at)
                  .rule(kind == PairingCore.FAILURE ? "FAILED" : "SUCCEEDED", null));
        }
        byte status = pairing.status[i];
        if (status == PairingCore.NONE) {
          continue;
        }
        long counted = status == PairingCore.SUPERSEDED ? pairing.time[pairing.link[i]] : t;
        if (counted < bounds[0] || counted > bounds[1]) {
          continue;
        }
        String related =
            status == PairingCore.OPEN ? null : pairing.deployments[pairing.link[i]].buildId();
        String rule =
            switch (status) {
              case PairingCore.RESOLVED ->
                  pairing.time[pairing.link[i]] - t < flaky ? "FLAKY" : "RESOLVED";
              case PairingCore.SUPERSEDED -> "SUPERSEDED";
              default -> "OPEN";
            };
        recovery.add(
            deployment(
                    DoraMetric.RECOVERY_TIME,
                    repository,
                    environment,
                    build,
                    Instant.ofEpochSecond(0, counted))
                .rule(rule, related));
      }
    }
    LeadTimeForChanges.Deploys deploys =
        LeadTimeForChanges.Deploys.of(pairing, options, commitRange);
    for (PullRequest pr : pullRequests) {
      Instant mergedAt = pr.mergedAt();
      if (mergedAt == null || !window.contains(mergedAt)) {
        continue;
      }
      LeadTimeForChanges.Link link = deploys.link(pr, mergedAt);
      out.add(
          new DrillDownRecord(
              DoraMetric.LEAD_TIME,
              "PULL_REQUEST",
              pr.repository(),
              null,
              Long.toString(pr.number()),
              mergedAt,
              link.linkage().name(),
              link.deployment() < 0 ? null : pairing.deployments[link.deployment()].buildId()));
    }
    out.addAll(cfr);
    out.addAll(recovery);
    ReworkRate.Classified classified =
        ReworkRate.classify(pairing, pullRequests, commitRange, options);
    for (int k = 0; k < classified.size; k++) {
      int i = classified.index[k];
      long t = pairing.time[i];
      java.util.EnumSet<ReworkRule> rules = classified.rules[k];
      if (rules == null || t < bounds[0] || t > bounds[1]) {
        continue;
      }
      int g = classified.group[k];
      out.add(
          deployment(
                  DoraMetric.REWORK_RATE,
                  pairing.groupRepository[g],
                  pairing.groupEnvironment[g],
                  pairing.deployments[i].buildId(),
                  Instant.ofEpochSecond(0, t))
              .rule(rules.stream().map(Enum::name).collect(Collectors.joining("+")), null));
    }
    return Collections.unmodifiableList(out);
  }

  private static Partial deployment(
      DoraMetric metric, String repository, String environment, String build, Instant at) {
    return new Partial(metric, repository, environment, build, at);
  }

  /** A deployment record waiting for its rule. */
  private record Partial(
      DoraMetric metric, String repository, String environment, String build, Instant at) {
    DrillDownRecord rule(String rule, @Nullable String related) {
      return new DrillDownRecord(
          metric, "DEPLOYMENT", repository, environment, build, at, rule, related);
    }
  }
}
