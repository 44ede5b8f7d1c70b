package dev.pulse.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The connector types a configuration may name, each with its {@link ConnectorDescription}.
 *
 * <p>This is the seam through which connector configuration is validated by the connector's own
 * description: once {@code dev.pulse.spi.ConnectorProvider} exposes a description, a catalog over
 * the registered providers plugs in here. Implementations must be thread-safe and connect nowhere.
 */
public interface ConnectorCatalog {
  /**
   * Describes a connector type.
   *
   * @param type the type named in the configuration
   * @return its description, or empty when the type is unknown
   */
  Optional<ConnectorDescription> describe(String type);

  /**
   * Lists the known types, for "did you mean" messages.
   *
   * @return the types, sorted
   */
  Set<String> types();

  /**
   * Returns a catalog of fixed descriptions.
   *
   * @param descriptions the descriptions; types are unique
   * @return the catalog
   * @throws IllegalArgumentException if two descriptions share a type
   */
  static ConnectorCatalog of(List<ConnectorDescription> descriptions) {
    Map<String, ConnectorDescription> byType = new LinkedHashMap<>();
    for (ConnectorDescription description : descriptions) {
      if (byType.put(description.type(), description) != null) {
        throw new IllegalArgumentException("type " + description.type() + " is described twice");
      }
    }
    Map<String, ConnectorDescription> copy = Map.copyOf(byType);
    Set<String> types = java.util.Collections.unmodifiableSet(new TreeSet<>(copy.keySet()));
    return new ConnectorCatalog() {
      @Override
      public Optional<ConnectorDescription> describe(String type) {
        return Optional.ofNullable(copy.get(type));
      }

      @Override
      public Set<String> types() {
        return types;
      }
    };
  }
}
