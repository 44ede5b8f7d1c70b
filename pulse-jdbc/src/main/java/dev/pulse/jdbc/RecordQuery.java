package dev.pulse.jdbc;

import dev.pulse.ScopeKey;
import dev.pulse.internal.Tenants;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link JdbcRecordReader} reads: the records of one tenant that overlap a half-open time
 * window {@code [from, to)}, optionally narrowed to one scope or one repository.
 *
 * <p>A record overlaps the window when it began before {@code to} and had not ended before {@code
 * from}: deployments by their start, pull requests from creation to merge or close, issues from
 * creation to completion, incidents from creation to resolution, sprints from start to completion
 * (or end). Records still open overlap every later window.
 *
 * @param tenant the tenant
 * @param from the window's inclusive start
 * @param to the window's exclusive end, after {@code from}
 * @param scope only records stored under this scope, or null for all
 * @param repository only deployments and pull requests of this repository, or null for all
 */
public record RecordQuery(
    String tenant,
    Instant from,
    Instant to,
    @Nullable ScopeKey scope,
    @Nullable String repository) {
  /**
   * Validates the query.
   *
   * @throws IllegalArgumentException if the tenant is invalid, {@code to} is not after {@code
   *     from}, or the repository is blank
   */
  public RecordQuery {
    Tenants.requireValid(tenant);
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to must be after from but was " + to + " <= " + from);
    }
    if (repository != null && repository.isBlank()) {
      throw new IllegalArgumentException("repository must not be blank");
    }
  }

  /**
   * Returns a query for every record of a tenant overlapping {@code [from, to)}.
   *
   * @param tenant the tenant
   * @param from the inclusive start
   * @param to the exclusive end
   * @return the query
   */
  public static RecordQuery of(String tenant, Instant from, Instant to) {
    return new RecordQuery(tenant, from, to, null, null);
  }

  /**
   * Returns this query narrowed to one scope.
   *
   * @param scope the scope the records were stored under
   * @return a new query
   */
  public RecordQuery scope(ScopeKey scope) {
    return new RecordQuery(tenant, from, to, Objects.requireNonNull(scope, "scope"), repository);
  }

  /**
   * Returns this query narrowed to one repository (deployments and pull requests only).
   *
   * @param repository the repository, e.g. {@code acme/api}
   * @return a new query
   */
  public RecordQuery repository(String repository) {
    return new RecordQuery(
        tenant, from, to, scope, Objects.requireNonNull(repository, "repository"));
  }
}
