package dev.pulse.progress;

import dev.pulse.EntityType;
import dev.pulse.ScopeKey;
import dev.pulse.Tenants;
import java.util.Comparator;
import java.util.Objects;

/** The identity of a tracked scope: tenant, entity type and scope key. */
record ScopeId(String tenant, EntityType entityType, ScopeKey scope) implements Comparable<ScopeId> {
  private static final Comparator<ScopeId> ORDER = Comparator.comparing(ScopeId::tenant)
      .thenComparing(ScopeId::entityType)
      .thenComparing(ScopeId::scope);

  ScopeId {
    Tenants.requireValid(tenant);
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(scope, "scope");
  }

  @Override
  public int compareTo(ScopeId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return tenant + "/" + entityType + "/" + scope;
  }
}
