package dev.shipmate.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every problem found while reading one configuration, reported in the order of the file. */
final class Problems {
  private final List<ConfigProblem> found = new ArrayList<>();

  void error(String path, int line, String message) {
    add(ConfigProblem.error(path, line, message));
  }

  void warning(String path, int line, String message) {
    add(ConfigProblem.warning(path, line, message));
  }

  /** Once: a section read by two readers (an environment's verify:) reports its keys once. */
  private void add(ConfigProblem problem) {
    if (!found.contains(problem)) {
      found.add(problem);
    }
  }

  boolean hasErrors() {
    return found.stream().anyMatch(ConfigProblem::isError);
  }

  /**
   * Sorted by line, stable: sections are read in dependency order (groups and clusters first), not
   * in the order a person reads the file.
   */
  List<ConfigProblem> inFileOrder() {
    List<ConfigProblem> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparingInt(ConfigProblem::line));
    return List.copyOf(sorted);
  }
}
