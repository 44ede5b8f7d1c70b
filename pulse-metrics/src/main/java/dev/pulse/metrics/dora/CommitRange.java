package dev.pulse.metrics.dora;

import dev.pulse.model.Deployment;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Lists the merge commits a deployment contains beyond the previous deployment of its environment,
 * as a source control system's compare API would (the commits reachable from the deployment's SHA
 * but not from the previous one's).
 *
 * <p>Supplied by the caller to {@link LeadTimeForChanges}; implementations must be thread-safe if
 * the calculator is called from several threads, and are called at most once per successful
 * production deployment per call of the calculator.
 */
@FunctionalInterface
public interface CommitRange {
  /**
   * Returns the merge commits {@code deployment} contains beyond {@code previous}.
   *
   * @param deployment a successful production deployment
   * @param previous the previous successful deployment of the same repository and environment, or
   *     null when {@code deployment} is the first seen
   * @return lower-case commit SHAs, or null when unknown (then the deployment is linked by branch
   *     and time)
   */
  @Nullable Set<String> mergeCommits(Deployment deployment, @Nullable Deployment previous);
}
