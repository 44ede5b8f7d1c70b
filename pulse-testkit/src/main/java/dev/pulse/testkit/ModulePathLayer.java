package dev.pulse.testkit;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A module layer built from the running test's own class path, for tests that must show a library
 * works from {@code --module-path}: the named modules are resolved from their class-path entries
 * and defined to one loader whose parent is the platform loader, so a class or resource the layer
 * does not hold is not found at all (no fallback to the class path).
 *
 * <p>Resource loading is where class path and module path differ most: a named module's resources
 * in a package it does not open are hidden from every other module, class loaders included, so code
 * that lists or reads resources through a class loader (e.g. Flyway's class-path scan) works in the
 * usual test run and fails in such a layer.
 */
public final class ModulePathLayer {
  private ModulePathLayer() {}

  /**
   * Returns a layer of exactly {@code modules}, each found on {@code java.class.path}, with {@code
   * root} resolved as the root module.
   *
   * @param modules the names of the modules to define: the root and everything it needs at run time
   * @param root the module to resolve, one of {@code modules}
   * @return the layer; load classes with {@code layer.findLoader(root).loadClass(name)}
   * @throws IllegalStateException naming the missing modules if some were not found on the class
   *     path
   * @throws IllegalArgumentException if {@code root} is not one of {@code modules}
   */
  public static ModuleLayer of(Set<String> modules, String root) {
    Objects.requireNonNull(modules, "modules");
    Objects.requireNonNull(root, "root");
    if (!modules.contains(root)) {
      throw new IllegalArgumentException("root " + root + " must be one of the modules");
    }
    Map<String, Path> found = new LinkedHashMap<>();
    String classPath = System.getProperty("java.class.path", "");
    for (String entry : classPath.split(Pattern.quote(File.pathSeparator), -1)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path path = Path.of(entry);
      if (!Files.exists(path)) {
        continue;
      }
      try {
        for (ModuleReference module : ModuleFinder.of(path).findAll()) {
          String name = module.descriptor().name();
          if (modules.contains(name)) {
            found.putIfAbsent(name, path);
          }
        }
      } catch (FindException e) {
        // a class-path entry that is no module (test classes, a jar without a derivable name)
      }
    }
    if (!found.keySet().equals(modules)) {
      Set<String> missing = new TreeSet<>(modules);
      missing.removeAll(found.keySet());
      throw new IllegalStateException("modules not found on the class path: " + missing);
    }
    ModuleFinder finder = ModuleFinder.of(new ArrayList<>(found.values()).toArray(Path[]::new));
    ModuleLayer boot = ModuleLayer.boot();
    Configuration configuration =
        Configuration.resolve(
            finder, List.of(boot.configuration()), ModuleFinder.of(), Set.of(root));
    return ModuleLayer.defineModulesWithOneLoader(
            configuration, List.of(boot), ClassLoader.getPlatformClassLoader())
        .layer();
  }
}
