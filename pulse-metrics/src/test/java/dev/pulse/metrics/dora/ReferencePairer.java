package dev.pulse.metrics.dora;

import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately naive pairer written straight from the rules in docs/metrics.md, used as an
 * oracle: for each failure, walk back to the last success of its group to find the chain's anchor,
 * then scan forward for the next success. Quadratic, object-based, independent of the production
 * code's arrays.
 */
final class ReferencePairer {
  private ReferencePairer() {}

  static List<PairedFailure> pair(List<Deployment> input, DoraOptions options) {
    EnvironmentAliases aliases = options.environmentAliases();
    List<Deployment> all = new ArrayList<>(input);
    all.sort(DeploymentPairer.pairingOrder(aliases));
    List<PairedFailure> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      Deployment d = all.get(i);
      if (d.result() != DeploymentResult.FAILURE) {
        continue;
      }
      String env = aliases.normalize(d.environment());
      int anchor = i;
      for (int j = i - 1; j >= 0 && same(all.get(j), d, aliases); j--) {
        DeploymentResult r = all.get(j).result();
        if (r == DeploymentResult.SUCCESS) {
          break;
        }
        if (r == DeploymentResult.FAILURE) {
          anchor = j;
        }
      }
      if (anchor != i) {
        out.add(new PairedFailure(d, env, IncidentStatus.SUPERSEDED, all.get(anchor), null, null));
        continue;
      }
      Deployment next = null;
      for (int j = i + 1; j < all.size() && same(all.get(j), d, aliases); j++) {
        if (all.get(j).result() == DeploymentResult.SUCCESS) {
          next = all.get(j);
          break;
        }
      }
      if (next != null) {
        Duration recovery = Duration.between(d.effectiveAt(), next.effectiveAt());
        if (recovery.compareTo(options.openIncidentWindow()) <= 0) {
          out.add(new PairedFailure(d, env, IncidentStatus.RESOLVED, null, next, recovery));
          continue;
        }
      }
      out.add(new PairedFailure(d, env, IncidentStatus.OPEN, null, null, null));
    }
    return out;
  }

  private static boolean same(Deployment a, Deployment b, EnvironmentAliases aliases) {
    return a.repository().equals(b.repository())
        && aliases.normalize(a.environment()).equals(aliases.normalize(b.environment()));
  }
}
