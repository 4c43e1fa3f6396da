package dev.shipmate.commands;

import dev.shipmate.commands.Command.Help;
import dev.shipmate.commands.ParseResult.Parsed;
import dev.shipmate.commands.ParseResult.Rejected;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Slash-command text to a typed {@link Command}, or a {@link Rejected} that says what was wrong and
 * what to type instead. Names are checked against the {@link Catalog}; a name may be left out when
 * the catalog has only one of its kind. Parsing never throws, whatever the text.
 */
public final class CommandGrammar {

  /** Every slash command the bot registers with Slack. */
  public static final List<String> SLASH_COMMANDS =
      List.of(
          "/deploy",
          "/rollback",
          "/env",
          "/cutover",
          "/upgrade",
          "/drift",
          "/runs",
          "/cancel",
          "/queue",
          "/freeze",
          "/unfreeze",
          "/shipmate",
          "/whats-deployed");

  private static final Set<String> HELP_WORDS = Set.of("help", "--help", "-h", "?");

  private final Catalog catalog;

  public CommandGrammar(Catalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /**
   * Reads one slash command.
   *
   * @param slashCommand the command as Slack names it, e.g. {@code /deploy}
   * @param text what Slack sends after it; may be empty or null
   */
  public ParseResult parse(String slashCommand, String text) {
    String slash = slashOf(slashCommand);
    if (!SLASH_COMMANDS.contains(slash)) {
      return unknown(slash);
    }
    List<String> tokens = SlackText.words(text);
    if (tokens.size() == 1 && HELP_WORDS.contains(tokens.get(0).toLowerCase(Locale.ROOT))) {
      // "/deploy help" asks about /deploy; "/shipmate --help" about everything.
      return new Parsed(
          new Help(slash.equals("/shipmate") ? Optional.empty() : Optional.of(slash.substring(1))));
    }
    List<Form> forms = Forms.of(slash);
    Context context = new Context(catalog, slash, forms);
    try {
      if (slash.equals("/env") && !catalog.previewsEnabled()) {
        throw new InvalidCommand(
            "preview environments are not set up: add a `previews:` section to shipmate.yaml",
            Form.usages(forms));
      }
      Words words = Words.split(tokens, context, forms);
      return new Parsed(new FormMatcher(context, forms).read(words));
    } catch (InvalidCommand invalid) {
      return new Rejected(invalid.reason(), Usage.render(invalid.usages()));
    }
  }

  private static String slashOf(String slashCommand) {
    if (slashCommand == null) {
      return "";
    }
    String slash =
        Normalizer.normalize(slashCommand, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    return slash.isEmpty() || slash.startsWith("/") ? slash : "/" + slash;
  }

  private static Rejected unknown(String slash) {
    String usage = "`/shipmate help` lists every command.";
    if (slash.isEmpty()) {
      return new Rejected("no command given", usage);
    }
    String reason = "unknown command " + Suggestions.quote(slash);
    return new Rejected(
        Suggestions.closest(slash, SLASH_COMMANDS)
            .map(meant -> reason + " — did you mean `" + meant + "`?")
            .orElse(reason),
        usage);
  }
}
