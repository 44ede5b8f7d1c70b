package dev.pulse.cluster;

import dev.pulse.EntityType;
import dev.pulse.InvalidScopeKeyException;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;

/**
 * The db-scheduler task instance id of one scope: {@code <tenant length>:<tenant>/<entity
 * type>/<scope key>}. The tenant is length-prefixed because it may contain any printable character;
 * the entity type never contains {@code /}, and the scope key is the rest.
 */
final class ScopeTaskId {
  private ScopeTaskId() {}

  static String encode(ScopeId scope) {
    String tenant = scope.tenant();
    return tenant.length() + ":" + tenant + "/" + scope.entityType().name() + "/" + scope.scope();
  }

  /**
   * Decodes an id written by {@link #encode}.
   *
   * @throws IllegalArgumentException if the id is not such an id
   */
  static ScopeId decode(String id) {
    int colon = id.indexOf(':');
    try {
      int length = Integer.parseInt(id.substring(0, Math.max(colon, 0)));
      int tenantEnd = colon + 1 + length;
      if (colon <= 0 || length <= 0 || tenantEnd >= id.length() || id.charAt(tenantEnd) != '/') {
        throw new IllegalArgumentException("not a Pulse scope task id: " + quote(id));
      }
      String tenant = id.substring(colon + 1, tenantEnd);
      int typeEnd = id.indexOf('/', tenantEnd + 1);
      if (typeEnd < 0) {
        throw new IllegalArgumentException("not a Pulse scope task id: " + quote(id));
      }
      EntityType entityType = EntityType.of(id.substring(tenantEnd + 1, typeEnd));
      return ScopeId.of(tenant, entityType, ScopeKey.parse(id.substring(typeEnd + 1)));
    } catch (NumberFormatException | IndexOutOfBoundsException | InvalidScopeKeyException e) {
      throw new IllegalArgumentException("not a Pulse scope task id: " + quote(id), e);
    }
  }

  private static String quote(String id) {
    return "\"" + (id.length() > 64 ? id.substring(0, 64) + "..." : id) + "\"";
  }
}
