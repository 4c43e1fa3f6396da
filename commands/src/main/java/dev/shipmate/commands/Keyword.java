package dev.shipmate.commands;

import java.util.List;
import java.util.Locale;

/**
 * A fixed word: a subcommand ({@code up}, {@code status}) or a joining word ({@code to} in {@code
 * /rollback web prod to v1.1}).
 */
record Keyword(String word, boolean subcommand) implements Slot {

  static Keyword subcommand(String word) {
    return new Keyword(word, true);
  }

  static Keyword joining(String word) {
    return new Keyword(word, false);
  }

  @Override
  public Fit fit(String token, Context context) {
    if (token.toLowerCase(Locale.ROOT).equals(word)) {
      return new Fit.Match(word, Fit.KEYWORD);
    }
    String typed = Suggestions.quote(token);
    if (Suggestions.closest(token, List.of(word)).isPresent()) {
      String kind = subcommand ? "unknown subcommand " : "unknown word ";
      return new Fit.Miss(kind + typed + " — did you mean `" + word + "`?", Fit.CLOSE);
    }
    if (subcommand) {
      return new Fit.Miss(
          "unknown subcommand "
              + typed
              + " (`"
              + context.slash()
              + "` knows "
              + Suggestions.or(context.subcommands())
              + ")",
          Fit.NONE);
    }
    return new Fit.Miss("expected `" + word + "`, not " + typed, Fit.NONE);
  }

  @Override
  public String missing(Context context) {
    return "`" + word + "`";
  }

  @Override
  public String noun() {
    return "`" + word + "`";
  }
}
