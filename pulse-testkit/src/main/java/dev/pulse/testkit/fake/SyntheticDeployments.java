package dev.pulse.testkit.fake;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.DeploymentSystem;
import dev.pulse.spi.ReadOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A deterministic in-memory CI source for tests of what runs connectors rather than what they read
 * (cluster mode, the Kafka Connect adapter, an embedding service's own wiring): scopes {@code
 * ci:repo:r000}, {@code ci:repo:r001}, ..., each with successful production deployments {@code
 * <repo>-b<n>} started one second apart from {@link #T0}. The same arguments always give equal
 * records, so every worker or replica given its own connector sees the same data. Stateless and
 * thread-safe; each connector returned is an independent {@link InMemoryConnector}.
 */
public final class SyntheticDeployments {
  /** When deployment 0 of every scope starts. */
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** The connector type of the scopes ({@code ci}). */
  public static final String TYPE = "ci";

  private SyntheticDeployments() {}

  /**
   * Returns scope {@code i}: {@code ci:repo:r000} for 0.
   *
   * @param i the scope's number, {@code 0..999} for keys of equal length
   * @return the scope key
   * @throws IllegalArgumentException if {@code i} is negative
   */
  public static ScopeKey scope(int i) {
    if (i < 0) {
      throw new IllegalArgumentException("scope number must be >= 0, was " + i);
    }
    return ScopeKey.of(TYPE, "repo", String.format("r%03d", i));
  }

  /**
   * Returns deployment {@code n} of a scope: repository = the scope's value, environment {@code
   * production}, build id {@code <repo>-b<n>}, started {@code T0 + n} seconds, one second long,
   * successful, updated when it started.
   *
   * @param scope the scope
   * @param n the deployment's number, {@code >= 0}
   * @return the deployment
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public static Deployment deployment(ScopeKey scope, int n) {
    Objects.requireNonNull(scope, "scope");
    if (n < 0) {
      throw new IllegalArgumentException("deployment number must be >= 0, was " + n);
    }
    Instant at = T0.plusSeconds(n);
    return Deployment.builder()
        .repository(scope.value())
        .environment("production")
        .buildId(scope.value() + "-b" + n)
        .startedAt(at)
        .finishedAt(at.plusSeconds(1))
        .result(DeploymentResult.SUCCESS)
        .system(DeploymentSystem.JENKINS)
        .updatedAt(at)
        .build();
  }

  /**
   * Returns deployments {@code from} (inclusive) to {@code to} (exclusive) of a scope, oldest
   * first.
   *
   * @param scope the scope
   * @param from the first number, {@code >= 0}
   * @param to one past the last number, {@code >= from}
   * @return a new mutable list
   * @throws IllegalArgumentException if the range is invalid
   */
  public static List<Deployment> deployments(ScopeKey scope, int from, int to) {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("invalid range [" + from + ", " + to + ")");
    }
    List<Deployment> items = new ArrayList<>(to - from);
    for (int n = from; n < to; n++) {
      items.add(deployment(scope, n));
    }
    return items;
  }

  /**
   * Returns the position a connector stores after reading a deployment: its update time and build
   * id.
   *
   * @param deployment the deployment
   * @return the position
   */
  public static Position position(Deployment deployment) {
    return Position.at(deployment.updatedAt(), deployment.buildId());
  }

  /**
   * Returns a connector over {@code scopes} scopes with {@code perScope} deployments each, read
   * oldest first.
   *
   * @param scopes the number of scopes, {@code >= 0}
   * @param perScope the deployments per scope, {@code >= 0}
   * @return a new connector
   */
  public static InMemoryConnector<Deployment> connector(int scopes, int perScope) {
    return connector(scopes, perScope, ReadOrder.OLDEST_FIRST);
  }

  /**
   * Returns a connector over {@code scopes} scopes with {@code perScope} deployments each, read in
   * the given order (Jenkins, for one, is read newest first).
   *
   * @param scopes the number of scopes, {@code >= 0}
   * @param perScope the deployments per scope, {@code >= 0}
   * @param order the read order
   * @return a new connector
   * @throws IllegalArgumentException if a count is negative
   */
  public static InMemoryConnector<Deployment> connector(int scopes, int perScope, ReadOrder order) {
    if (scopes < 0 || perScope < 0) {
      throw new IllegalArgumentException(
          "scopes and perScope must be >= 0, were " + scopes + " and " + perScope);
    }
    InMemoryConnector.Builder<Deployment> builder =
        InMemoryConnector.builder(TYPE, EntityType.DEPLOYMENTS, SyntheticDeployments::position)
            .readOrder(Objects.requireNonNull(order, "order"));
    for (int i = 0; i < scopes; i++) {
      builder.scope(scope(i), deployments(scope(i), 0, perScope));
    }
    return builder.build();
  }
}
