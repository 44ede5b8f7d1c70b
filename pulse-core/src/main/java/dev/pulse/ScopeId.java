package dev.pulse;

import dev.pulse.internal.Tenants;
import java.util.Objects;

/**
 * The identity of one watermark: a tenant, an entity type and a scope.
 *
 * @param tenant the tenant, a non-blank string of at most 128 characters without control characters
 * @param entityType the kind of record the watermark tracks
 * @param scope the scope, or {@link ScopeKey#GLOBAL}
 */
public record ScopeId(String tenant, EntityType entityType, ScopeKey scope) {
  /**
   * Validates the parts.
   *
   * @throws IllegalArgumentException if the tenant is blank, too long or contains a control
   *     character
   */
  public ScopeId {
    tenant = Tenants.requireValid(tenant);
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(scope, "scope");
  }

  /**
   * Creates a key.
   *
   * @param tenant the tenant
   * @param entityType the entity type
   * @param scope the scope
   * @return the key
   */
  public static ScopeId of(String tenant, EntityType entityType, ScopeKey scope) {
    return new ScopeId(tenant, entityType, scope);
  }

  @Override
  public String toString() {
    return tenant + "/" + entityType + "/" + scope;
  }
}
