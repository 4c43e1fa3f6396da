package dev.shipmate.commands;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The help the bot shows: plain text that reads well in Slack, built from {@link Usage}. */
public final class HelpText {
  private static final String NAMES_NOTE =
      "Names can be left out when the configuration has only one: with one cutover `/cutover 25%`,"
          + " with one cluster `/upgrade 1.31`, with one environment `/deploy web v1.2`.";

  private HelpText() {}

  /**
   * One way of writing a command, for a list offered as a person types (the local web view).
   *
   * @param command the slash command, {@code /deploy}
   * @param line the usage line, {@code /deploy <service> <version> <environment> [--dry-run]}
   * @param description what it does
   * @param example a command that works on the example configuration
   */
  public record UsageLine(String command, String line, String description, String example) {}

  /** Every way of writing every command, in the order the help text lists them. */
  public static List<UsageLine> usages() {
    return java.util.Arrays.stream(Usage.values())
        .map(u -> new UsageLine(u.slash(), u.line(), u.description(), u.example()))
        .toList();
  }

  /** Every command, one line each, with an example. */
  public static String all() {
    StringBuilder text = new StringBuilder("*Shipmate commands*\n");
    for (Usage usage : Usage.values()) {
      text.append("`")
          .append(usage.line())
          .append("` — ")
          .append(usage.description())
          .append(usage.eg())
          .append("\n");
    }
    return text.append(NAMES_NOTE)
        .append("\n`/shipmate help <command>` tells more about one command.")
        .toString();
  }

  /**
   * The details of one command: each way of writing it, what it does, examples and rules. Accepts
   * {@code deploy} or {@code /deploy}; empty for a command that does not exist.
   */
  public static Optional<String> forCommand(String topic) {
    if (topic == null) {
      return Optional.empty();
    }
    String name = topic.strip().toLowerCase(Locale.ROOT);
    String slash = name.startsWith("/") ? name : "/" + name;
    List<Usage> usages = Usage.of(slash);
    if (usages.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder("*").append(slash).append("*");
    for (Usage usage : usages) {
      text.append("\n`")
          .append(usage.line())
          .append("`\n    ")
          .append(capitalized(usage.description()))
          .append(". Example: `")
          .append(usage.example())
          .append("`");
      if (!usage.details().isEmpty()) {
        text.append("\n    ").append(usage.details());
      }
    }
    return Optional.of(text.toString());
  }

  private static String capitalized(String sentence) {
    return sentence.isEmpty()
        ? sentence
        : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
  }
}
