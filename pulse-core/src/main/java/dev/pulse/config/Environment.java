package dev.pulse.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@code ${NAME}} references and file references in a configuration are resolved: the process
 * environment and files in production, fixed maps in tests.
 *
 * <p>Implementations must be thread-safe. Values are secrets: never log them.
 */
public interface Environment {
  /**
   * Reads an environment variable.
   *
   * @param name the variable
   * @return its value, or empty when unset
   */
  Optional<String> variable(String name);

  /**
   * Reads a file's content, e.g. a mounted secret.
   *
   * @param path the file
   * @return its content without a trailing line break, or empty when it cannot be read
   */
  Optional<String> file(String path);

  /**
   * Returns the process environment and file system.
   *
   * @return the system environment
   */
  static Environment system() {
    return new Environment() {
      @Override
      public Optional<String> variable(String name) {
        return Optional.ofNullable(System.getenv(name));
      }

      @Override
      public Optional<String> file(String path) {
        try {
          return Optional.of(
              Files.readString(Path.of(path), StandardCharsets.UTF_8).stripTrailing());
        } catch (IOException | RuntimeException e) {
          return Optional.empty();
        }
      }
    };
  }

  /**
   * Returns an environment of fixed variables and files.
   *
   * @param variables variable values by name
   * @param files file contents by path
   * @return the environment
   */
  static Environment of(Map<String, String> variables, Map<String, String> files) {
    Map<String, String> vars = Map.copyOf(variables);
    Map<String, String> contents = Map.copyOf(files);
    return new Environment() {
      @Override
      public Optional<String> variable(String name) {
        return Optional.ofNullable(vars.get(Objects.requireNonNull(name, "name")));
      }

      @Override
      public Optional<String> file(String path) {
        return Optional.ofNullable(contents.get(Objects.requireNonNull(path, "path")))
            .map(String::stripTrailing);
      }
    };
  }
}
