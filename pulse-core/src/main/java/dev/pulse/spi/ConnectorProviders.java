package dev.pulse.spi;

import dev.pulse.InvalidConfigException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Lists the {@link ConnectorProvider}s on a class path or module path, and picks one by type name.
 *
 * <p>Discovery is an explicit step whose result the caller inspects: it lists providers and never
 * installs, creates or configures anything. Thread-safe (stateless).
 *
 * <pre>{@code
 * List<ConnectorProvider> found = ConnectorProviders.discover(getClass().getClassLoader());
 * ConnectorProvider jira = ConnectorProviders.byType(found, "jira");
 * List<ConfigProblem> problems = jira.validate(config); // without connecting
 * }</pre>
 */
public final class ConnectorProviders {
  private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

  private ConnectorProviders() {}

  /**
   * Lists the providers that {@link ServiceLoader} finds through a class loader, ordered by type
   * name and then class name; duplicates are kept so the caller can see them.
   *
   * @param classLoader the class loader to search
   * @return the providers found, possibly none
   * @throws IllegalStateException if a listed provider cannot be loaded or instantiated, naming it;
   *     or if a provider's type name or version is malformed
   */
  public static List<ConnectorProvider> discover(ClassLoader classLoader) {
    Objects.requireNonNull(classLoader, "classLoader");
    List<ConnectorProvider> found = new ArrayList<>();
    try {
      for (ConnectorProvider provider : ServiceLoader.load(ConnectorProvider.class, classLoader)) {
        found.add(checked(provider));
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException(
          "a connector provider could not be loaded: " + e.getMessage(), e);
    }
    found.sort(
        Comparator.comparing(ConnectorProvider::type)
            .thenComparing(provider -> provider.getClass().getName()));
    return List.copyOf(found);
  }

  /**
   * Picks the one provider of a type from a list, typically the result of {@link
   * #discover(ClassLoader)}.
   *
   * @param providers the providers to choose from
   * @param type the type name, e.g. {@code jira}
   * @return the provider
   * @throws InvalidConfigException if no provider or more than one has that type; the message names
   *     the known types, or the classes of the duplicates
   */
  public static ConnectorProvider byType(List<ConnectorProvider> providers, String type) {
    Objects.requireNonNull(providers, "providers");
    Objects.requireNonNull(type, "type");
    List<ConnectorProvider> matching = new ArrayList<>();
    for (ConnectorProvider provider : providers) {
      if (provider.type().equals(type)) {
        matching.add(provider);
      }
    }
    if (matching.isEmpty()) {
      throw new InvalidConfigException(
          List.of(
              "no connector provider has type \""
                  + type
                  + "\"; known types are "
                  + providers.stream().map(ConnectorProvider::type).distinct().sorted().toList()));
    }
    if (matching.size() > 1) {
      throw new InvalidConfigException(
          List.of(
              "connector type \""
                  + type
                  + "\" is provided more than once, by "
                  + matching.stream().map(provider -> provider.getClass().getName()).toList()
                  + "; remove all but one from the class path"));
    }
    return matching.get(0);
  }

  private static ConnectorProvider checked(ConnectorProvider provider) {
    String type = provider.type();
    if (type == null || !TYPE.matcher(type).matches()) {
      throw new IllegalStateException(
          "connector provider "
              + provider.getClass().getName()
              + " has type \""
              + type
              + "\", which must match "
              + TYPE.pattern());
    }
    String version = provider.version();
    if (version == null || version.isBlank()) {
      throw new IllegalStateException(
          "connector provider " + provider.getClass().getName() + " has a blank version");
    }
    return provider;
  }
}
