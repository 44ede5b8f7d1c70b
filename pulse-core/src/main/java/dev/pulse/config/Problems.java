package dev.pulse.config;

import dev.pulse.ErrorCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects problems, at most one per path, in the order found. */
final class Problems {
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final Set<String> paths = new HashSet<>();

  void add(String path, ErrorCode code, String message) {
    if (paths.add(path)) {
      problems.add(new ConfigProblem(path, code, message));
    }
  }

  void add(String path, String message) {
    add(path, ErrorCode.INVALID_CONFIG, message);
  }

  void addAll(List<ConfigProblem> more) {
    for (ConfigProblem problem : more) {
      add(problem.path(), problem.code(), problem.message());
    }
  }

  List<ConfigProblem> list() {
    return List.copyOf(problems);
  }
}
