package dev.shipmate.config;

import java.util.Optional;
import java.util.Set;

/**
 * Names that people type in slash commands — services, environments, clusters, cutovers. Besides
 * being DNS labels, they must not be words of the command grammar: a service called {@code history}
 * would make {@code /deploy history web prod} ambiguous, a cutover called {@code status} would
 * swallow {@code /cutover status}.
 */
final class TypedNames {
  static final Set<String> GRAMMAR_WORDS =
      Set.of(
          "history", "to", "up", "down", "extend", "list", "status", "abort", "pause", "resume",
          "help");

  private TypedNames() {}

  static Optional<String> problem(String name) {
    return DnsNames.labelProblem(name)
        .or(
            () ->
                GRAMMAR_WORDS.contains(name)
                    ? Optional.of(
                        "'"
                            + name
                            + "' is a word of the command grammar (as in `/deploy history` or"
                            + " `/cutover www status`), so commands naming it would be ambiguous:"
                            + " choose another name")
                    : Optional.empty());
  }
}
