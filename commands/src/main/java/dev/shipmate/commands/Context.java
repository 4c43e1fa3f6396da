package dev.shipmate.commands;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a word is checked against while one command is read: the configured names and the slash
 * command. It remembers each word's fit to each slot, since every reading of the command asks
 * again.
 */
final class Context {
  private final Catalog catalog;
  private final String slash;
  private final List<String> subcommands;
  private final Set<String> keywords;
  private final Map<Slot, Map<String, Fit>> fits = new HashMap<>();

  Context(Catalog catalog, String slash, List<Form> forms) {
    this.catalog = catalog;
    this.slash = slash;
    List<Keyword> all =
        forms.stream()
            .flatMap(f -> f.slots().stream())
            .filter(Keyword.class::isInstance)
            .map(Keyword.class::cast)
            .distinct()
            .toList();
    this.subcommands = all.stream().filter(Keyword::subcommand).map(Keyword::word).toList();
    this.keywords = all.stream().map(Keyword::word).collect(Collectors.toUnmodifiableSet());
  }

  Catalog catalog() {
    return catalog;
  }

  String slash() {
    return slash;
  }

  /** The subcommands of the slash command, in the grammar's order: {@code up, down, …}. */
  List<String> subcommands() {
    return subcommands;
  }

  /** Whether a word is one of the slash command's fixed words: {@code history}, {@code to}. */
  boolean isKeyword(String token) {
    return keywords.contains(token.toLowerCase(Locale.ROOT));
  }

  Fit fit(Slot slot, String token) {
    return fits.computeIfAbsent(slot, s -> new HashMap<>())
        .computeIfAbsent(token, t -> slot.fit(t, this));
  }
}
