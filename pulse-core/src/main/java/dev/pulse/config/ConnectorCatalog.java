package dev.pulse.config;

import dev.pulse.spi.ConnectorProvider;
import dev.pulse.spi.ConnectorProviders;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The connector types a pipeline configuration may name: a lookup of {@link ConnectorProvider}s by
 * {@linkplain ConnectorProvider#type() type}.
 *
 * <p>A source's settings are validated by its provider ({@link ConnectorProvider#validate} against
 * its {@link ConnectorProvider#configSpec() ConfigSpec}); the catalog only finds the provider and
 * creates nothing. Implementations must be thread-safe and connect nowhere; the ones returned here
 * are immutable.
 */
public interface ConnectorCatalog {
  /**
   * Finds the provider of a connector type.
   *
   * @param type the type named in the configuration
   * @return its provider, or empty when the type is unknown
   */
  Optional<ConnectorProvider> provider(String type);

  /**
   * Lists the known types, for "known types" messages.
   *
   * @return the types, sorted
   */
  Set<String> types();

  /**
   * Returns a catalog of fixed providers.
   *
   * @param providers the providers; their types are unique
   * @return the catalog
   * @throws IllegalArgumentException if two providers share a type, naming their classes
   */
  static ConnectorCatalog of(List<ConnectorProvider> providers) {
    Objects.requireNonNull(providers, "providers");
    Map<String, ConnectorProvider> byType = new LinkedHashMap<>();
    for (ConnectorProvider provider : providers) {
      ConnectorProvider previous = byType.put(provider.type(), provider);
      if (previous != null) {
        throw new IllegalArgumentException(
            "connector type "
                + provider.type()
                + " is provided twice, by "
                + previous.getClass().getName()
                + " and "
                + provider.getClass().getName());
      }
    }
    Map<String, ConnectorProvider> copy = Map.copyOf(byType);
    Set<String> types = Collections.unmodifiableSet(new TreeSet<>(copy.keySet()));
    return new ConnectorCatalog() {
      @Override
      public Optional<ConnectorProvider> provider(String type) {
        return Optional.ofNullable(copy.get(type));
      }

      @Override
      public Set<String> types() {
        return types;
      }

      @Override
      public String toString() {
        return "ConnectorCatalog" + types;
      }
    };
  }

  /**
   * Returns a catalog of the providers {@link ConnectorProviders#discover(ClassLoader)} finds.
   *
   * @param classLoader the class loader to search
   * @return the catalog
   * @throws IllegalStateException if a provider cannot be loaded or is malformed
   * @throws IllegalArgumentException if two providers share a type, naming their classes
   */
  static ConnectorCatalog discover(ClassLoader classLoader) {
    return of(ConnectorProviders.discover(classLoader));
  }
}
