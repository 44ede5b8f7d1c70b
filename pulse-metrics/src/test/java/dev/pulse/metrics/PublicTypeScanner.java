package dev.pulse.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the public types of a package and its subpackages by listing the class files of every
 * classpath root that holds the package, whether a directory ({@code target/classes}) or a jar, so
 * that classes added later (for example by another team) are covered without a hand-kept list.
 */
final class PublicTypeScanner {

  private PublicTypeScanner() {}

  /**
   * Returns the publicly reachable types (public, and nested only in public types) of a package
   * tree.
   *
   * @param loader the class loader whose classpath is scanned
   * @param packageName the root package, e.g. {@code dev.pulse.metrics}
   * @param excludedRoots classpath directories to skip, e.g. the test classes
   */
  static List<Class<?>> publicTypes(
      ClassLoader loader, String packageName, Set<Path> excludedRoots) {
    String resource = packageName.replace('.', '/');
    Set<String> classNames = new TreeSet<>();
    try {
      Enumeration<URL> roots = loader.getResources(resource);
      for (URL url : Collections.list(roots)) {
        if ("file".equals(url.getProtocol())) {
          Path directory = Path.of(url.toURI());
          Path root = directory;
          for (int i = 0; i < packageName.split("\\.").length; i++) {
            root =
                Objects.requireNonNull(
                    root.getParent(), () -> "no classpath root above " + directory);
          }
          if (excludedRoots.contains(root.toAbsolutePath().normalize())) {
            continue;
          }
          try (Stream<Path> files = Files.walk(directory)) {
            Path base = root;
            files
                .filter(f -> f.toString().endsWith(".class"))
                .forEach(
                    f ->
                        classNames.add(
                            className(base.relativize(f).toString().replace('\\', '/'))));
          }
        } else if ("jar".equals(url.getProtocol())) {
          URLConnection connection = url.openConnection();
          connection.setUseCaches(false);
          try (JarFile jar = ((JarURLConnection) connection).getJarFile()) {
            for (JarEntry entry : Collections.list(jar.entries())) {
              String name = entry.getName();
              if (name.startsWith(resource + "/") && name.endsWith(".class")) {
                classNames.add(className(name));
              }
            }
          }
        } else {
          throw new IllegalStateException("cannot list classes under " + url);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<Class<?>> types = new ArrayList<>();
    for (String name : classNames) {
      if (name.endsWith("package-info") || name.endsWith("module-info")) {
        continue;
      }
      Class<?> type;
      try {
        type = Class.forName(name, false, loader);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("listed but not loadable: " + name, e);
      }
      if (isPubliclyReachable(type)) {
        types.add(type);
      }
    }
    types.sort(Comparator.comparing(Class::getName));
    return types;
  }

  private static String className(String classFile) {
    return classFile.substring(0, classFile.length() - ".class".length()).replace('/', '.');
  }

  private static boolean isPubliclyReachable(Class<?> type) {
    if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
      return false;
    }
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return true;
  }
}
