package dev.pulse.testkit.fake.github;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One deployment held by a {@link FakeGitHub}, with its statuses: what the fake serves from the
 * Deployments REST API.
 *
 * <p>Mutable and not thread-safe on its own: change one held by a running fake only through {@link
 * FakeGitHub}'s methods, which lock it.
 */
public final class FakeDeployment {
  /**
   * One deployment status.
   *
   * @param state error, failure, inactive, in_progress, queued, pending or success
   * @param createdAt when it was set
   */
  public record Status(String state, Instant createdAt) {}

  final long id;
  final Instant created;
  final String environment;
  final String sha;
  final String ref;
  final List<Status> statuses = new ArrayList<>();

  /**
   * Creates a deployment without statuses.
   *
   * @param id its id, greater than zero
   * @param created when it was created
   * @param environment the environment, e.g. {@code production}
   * @param sha the commit deployed
   * @param ref the ref deployed, e.g. {@code main}
   */
  public FakeDeployment(long id, Instant created, String environment, String sha, String ref) {
    if (id <= 0) {
      throw new IllegalArgumentException("id must be > 0 but was " + id);
    }
    this.id = id;
    this.created = Objects.requireNonNull(created, "created");
    this.environment = Objects.requireNonNull(environment, "environment");
    this.sha = Objects.requireNonNull(sha, "sha");
    this.ref = Objects.requireNonNull(ref, "ref");
  }

  /**
   * Adds a status, the newest so far.
   *
   * @param state the state
   * @param at when it was set
   * @return this
   */
  public FakeDeployment status(String state, Instant at) {
    statuses.add(new Status(state, at));
    return this;
  }

  /**
   * Returns its id.
   *
   * @return the id
   */
  public long id() {
    return id;
  }

  /**
   * Returns its statuses, oldest first.
   *
   * @return a copy
   */
  public List<Status> statuses() {
    return List.copyOf(statuses);
  }

  /**
   * Returns when it was created.
   *
   * @return the creation time
   */
  public Instant created() {
    return created;
  }

  /**
   * Returns its environment.
   *
   * @return the environment
   */
  public String environment() {
    return environment;
  }

  @Override
  public String toString() {
    return "FakeDeployment[" + id + " " + environment + " " + statuses + "]";
  }
}
