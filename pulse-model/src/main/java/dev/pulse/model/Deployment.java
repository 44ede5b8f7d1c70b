package dev.pulse.model;

import dev.pulse.model.internal.Checks;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One deployment of a repository to an environment.
 *
 * <p>The environment is kept as the source names it ({@code prod}, {@code production}, ...); the
 * metrics normalize it with configurable aliases. Create one with {@link #builder()} and derive a
 * variant with {@link #toBuilder()}: the canonical constructor changes whenever a component is
 * added, the builder does not.
 *
 * <p>Immutable and thread-safe.
 *
 * @param repository the repository deployed, e.g. {@code api}
 * @param environment the target environment as named by the source
 * @param buildId the source's build, run or deployment id, unique within the repository and system
 * @param startedAt when the deployment started
 * @param finishedAt when it finished, or null while running
 * @param result the outcome
 * @param commitSha the commit deployed, lower-case hexadecimal, or null when the source does not
 *     say (a Jenkins job without the git plugin)
 * @param ref the branch, tag or other ref deployed, e.g. {@code main}, or null when unknown
 * @param system the system that recorded the deployment
 * @param updatedAt when the source last changed the deployment; the usual watermark cursor. Not
 *     checked against the other times, since it is the source's cursor and not a metric input
 * @param components the names of the monorepo components the deployment changed since the previous
 *     successful deployment of its environment, sorted, without duplicates; empty when it changed
 *     files but none in a named component. Null when not known, which counts as the whole
 *     repository: a source without components, a deployment the source could not classify (no SHA,
 *     no earlier success, a comparison too large or listing no changed file, as a rollback's does),
 *     and every row stored before the distinction existed. The connector computes the names from
 *     the changed paths; the paths themselves are never kept
 */
public record Deployment(
    String repository,
    String environment,
    String buildId,
    Instant startedAt,
    @Nullable Instant finishedAt,
    DeploymentResult result,
    @Nullable String commitSha,
    @Nullable String ref,
    DeploymentSystem system,
    Instant updatedAt,
    @Nullable Set<String> components) {

  /**
   * Validates the deployment and normalizes its commit SHA to lower case.
   *
   * @throws IllegalArgumentException if a name is blank, the commit SHA is not hexadecimal, it
   *     finished before it started, or a component name is blank
   */
  public Deployment {
    Checks.requireText(repository, "repository");
    Checks.requireText(environment, "environment");
    Checks.requireText(buildId, "buildId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(result, "result");
    if (finishedAt != null && finishedAt.isBefore(startedAt)) {
      throw new IllegalArgumentException(
          "deployment "
              + repository
              + "/"
              + buildId
              + " finished at "
              + finishedAt
              + " before it started at "
              + startedAt);
    }
    commitSha = ModelValues.commitSha(commitSha, "commitSha");
    ModelValues.optionalText(ref, "ref");
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(updatedAt, "updatedAt");
    components = components == null ? null : ModelValues.labels(components, "components");
  }

  /**
   * Returns an empty builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this deployment's values, to derive a variant.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Returns when the deployment took effect: its finish time, or its start time while unfinished.
   *
   * @return the effective time
   */
  public Instant effectiveAt() {
    return finishedAt != null ? finishedAt : startedAt;
  }

  /**
   * A builder of {@link Deployment}s. Each setter rejects a bad value at once, naming the
   * parameter; {@link #build()} checks the combination and may be called more than once.
   *
   * <p>Required: repository, environment, buildId, startedAt, result and system. When updatedAt is
   * not set it defaults to the deployment's {@linkplain Deployment#effectiveAt() effective time},
   * which is what a source without an update time (Jenkins) last changed.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private @Nullable String repository;
    private @Nullable String environment;
    private @Nullable String buildId;
    private @Nullable Instant startedAt;
    private @Nullable Instant finishedAt;
    private @Nullable DeploymentResult result;
    private @Nullable String commitSha;
    private @Nullable String ref;
    private @Nullable DeploymentSystem system;
    private @Nullable Instant updatedAt;
    private @Nullable Set<String> components;

    private Builder() {}

    private Builder(Deployment d) {
      repository = d.repository;
      environment = d.environment;
      buildId = d.buildId;
      startedAt = d.startedAt;
      finishedAt = d.finishedAt;
      result = d.result;
      commitSha = d.commitSha;
      ref = d.ref;
      system = d.system;
      updatedAt = d.updatedAt;
      components = d.components;
    }

    /**
     * Sets the repository deployed.
     *
     * @param repository the repository, not blank
     * @return this builder
     */
    public Builder repository(String repository) {
      this.repository = Checks.requireText(repository, "repository");
      return this;
    }

    /**
     * Sets the environment as the source names it.
     *
     * @param environment the environment, not blank
     * @return this builder
     */
    public Builder environment(String environment) {
      this.environment = Checks.requireText(environment, "environment");
      return this;
    }

    /**
     * Sets the source's build, run or deployment id.
     *
     * @param buildId the id, not blank
     * @return this builder
     */
    public Builder buildId(String buildId) {
      this.buildId = Checks.requireText(buildId, "buildId");
      return this;
    }

    /**
     * Sets when the deployment started.
     *
     * @param startedAt the start time
     * @return this builder
     */
    public Builder startedAt(Instant startedAt) {
      this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
      return this;
    }

    /**
     * Sets when the deployment finished.
     *
     * @param finishedAt the finish time, or null while running
     * @return this builder
     */
    public Builder finishedAt(@Nullable Instant finishedAt) {
      this.finishedAt = finishedAt;
      return this;
    }

    /**
     * Sets the outcome.
     *
     * @param result the outcome
     * @return this builder
     */
    public Builder result(DeploymentResult result) {
      this.result = Objects.requireNonNull(result, "result");
      return this;
    }

    /**
     * Sets the commit deployed.
     *
     * @param commitSha 7 to 64 hexadecimal digits, in any case, or null when unknown
     * @return this builder
     */
    public Builder commitSha(@Nullable String commitSha) {
      this.commitSha = ModelValues.commitSha(commitSha, "commitSha");
      return this;
    }

    /**
     * Sets the branch, tag or other ref deployed.
     *
     * @param ref the ref, not blank, or null when unknown
     * @return this builder
     */
    public Builder ref(@Nullable String ref) {
      this.ref = ModelValues.optionalText(ref, "ref");
      return this;
    }

    /**
     * Sets the system that recorded the deployment.
     *
     * @param system the system
     * @return this builder
     */
    public Builder system(DeploymentSystem system) {
      this.system = Objects.requireNonNull(system, "system");
      return this;
    }

    /**
     * Sets when the source last changed the deployment.
     *
     * @param updatedAt the update time, or null for the effective time
     * @return this builder
     */
    public Builder updatedAt(@Nullable Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /**
     * Sets the names of the monorepo components the deployment changed: empty when it changed none
     * of them, null (the default) when not known, which counts as the whole repository.
     *
     * @param components the component names, none blank; copied, sorted and deduplicated; or null
     * @return this builder
     */
    public Builder components(@Nullable Collection<String> components) {
      this.components = components == null ? null : ModelValues.labels(components, "components");
      return this;
    }

    /**
     * Returns a deployment with the values set.
     *
     * @return a new deployment
     * @throws IllegalStateException if a required value is not set
     * @throws IllegalArgumentException if the values do not fit together, such as a finish before
     *     the start
     */
    public Deployment build() {
      Instant started = Checks.requireSet(startedAt, "startedAt");
      Instant updated = updatedAt;
      if (updated == null) {
        updated = finishedAt != null ? finishedAt : started;
      }
      return new Deployment(
          Checks.requireSet(repository, "repository"),
          Checks.requireSet(environment, "environment"),
          Checks.requireSet(buildId, "buildId"),
          started,
          finishedAt,
          Checks.requireSet(result, "result"),
          commitSha,
          ref,
          Checks.requireSet(system, "system"),
          updated,
          components);
    }
  }
}
