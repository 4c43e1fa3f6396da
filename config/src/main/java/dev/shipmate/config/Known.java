package dev.shipmate.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The names other sections refer to, gathered before those sections are read: every group and
 * cluster the file names, even one with mistakes inside, so that one typo is reported once and not
 * again at every reference to it.
 */
record Known(Map<String, Set<String>> groupMembers, List<String> clusters) {
  Known {
    groupMembers = Ordered.copyOf(groupMembers);
    clusters = List.copyOf(clusters);
  }

  List<String> groups() {
    return List.copyOf(groupMembers.keySet());
  }

  /** {@code no cluster named 'main' (known: prod-eu, dev)}, with a suggestion when one is close. */
  static String noSuch(String what, String name, List<String> known, String section) {
    if (known.isEmpty()) {
      return "no "
          + what
          + " named '"
          + name
          + "' (none is configured: add it under "
          + section
          + ":)";
    }
    String guess =
        Suggestions.closest(name, known).map(s -> ": did you mean '" + s + "'?").orElse("");
    return "no "
        + what
        + " named '"
        + name
        + "'"
        + guess
        + " (known: "
        + String.join(", ", known)
        + ")";
  }

  Optional<String> clusterProblem(String name) {
    return clusters.contains(name)
        ? Optional.empty()
        : Optional.of(noSuch("cluster", name, clusters, "clusters"));
  }

  Optional<String> groupProblem(String name) {
    return groupMembers.containsKey(name)
        ? Optional.empty()
        : Optional.of(noSuch("group", name, groups(), "groups"));
  }
}
