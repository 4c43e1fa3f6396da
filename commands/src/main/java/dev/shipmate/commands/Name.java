package dev.shipmate.commands;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** A name the configuration defines: a service, an environment, a cluster or a cutover. */
enum Name implements Slot {
  SERVICE("service", "a service", "services", Catalog::services),
  ENVIRONMENT("environment", "an environment", "environments", Catalog::environments),
  CLUSTER("cluster", "a cluster", "clusters", Catalog::clusters),
  CUTOVER("cutover", "a cutover", "cutovers", Catalog::cutovers),
  /** What can be frozen: an environment, a cluster or a cutover. */
  TARGET("target", "an environment, a cluster or a cutover", "environments", Catalog::targets);

  private final String kind;
  private final String noun;
  private final String section;
  private final Function<Catalog, List<String>> names;

  Name(String kind, String noun, String section, Function<Catalog, List<String>> names) {
    this.kind = kind;
    this.noun = noun;
    this.section = section;
    this.names = names;
  }

  @Override
  public Fit fit(String token, Context context) {
    List<String> known = names.apply(context.catalog());
    Optional<String> found = find(token, known);
    if (found.isPresent()) {
      return new Fit.Match(found.get(), Fit.STRONG);
    }
    String typed = Suggestions.quote(token);
    if (known.isEmpty()) {
      return new Fit.Miss(
          "no " + kind + " is configured: add one under `" + section + ":` in shipmate.yaml",
          Fit.NONE);
    }
    Optional<String> meant = Suggestions.closest(token, known);
    if (meant.isPresent()) {
      return new Fit.Miss(
          "no " + kind + " " + typed + " — did you mean '" + meant.get() + "'?", Fit.CLOSE);
    }
    for (Name other : values()) {
      if (other != this
          && other != TARGET
          && find(token, other.names.apply(context.catalog())).isPresent()) {
        return new Fit.Miss(
            typed + " is " + other.noun + ", not " + noun + " (known: " + listed(known) + ")",
            Fit.NONE);
      }
    }
    return new Fit.Miss("no " + kind + " " + typed + " (known: " + listed(known) + ")", Fit.NONE);
  }

  @Override
  public String missing(Context context) {
    List<String> known = names.apply(context.catalog());
    return known.isEmpty()
        ? "the " + kind + " (none is configured)"
        : "the " + kind + " (known: " + listed(known) + ")";
  }

  @Override
  public String noun() {
    return noun;
  }

  @Override
  public Optional<String> sole(Context context) {
    List<String> known = names.apply(context.catalog());
    return known.size() == 1 ? Optional.of(known.get(0)) : Optional.empty();
  }

  /** The configured name: exactly as typed, or else the one that differs only in case. */
  private static Optional<String> find(String token, List<String> known) {
    if (known.contains(token)) {
      return Optional.of(token);
    }
    String lower = token.toLowerCase(Locale.ROOT);
    return known.stream().filter(n -> n.toLowerCase(Locale.ROOT).equals(lower)).findFirst();
  }

  private static String listed(List<String> known) {
    return Suggestions.names(known);
  }
}
