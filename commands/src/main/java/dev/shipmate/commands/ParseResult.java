package dev.shipmate.commands;

/** What the grammar made of a slash command: a typed command, or a rejection to show the user. */
public sealed interface ParseResult {

  /** The text was understood. */
  record Parsed(Command command) implements ParseResult {}

  /**
   * The text was not understood, or names something that does not exist. {@code reason} says what
   * was wrong ("no service 'wbe' — did you mean 'web'?"); {@code usage} says what to type instead
   * ("/deploy <service> <version> <environment> [--dry-run]", with an example).
   */
  record Rejected(String reason, String usage) implements ParseResult {
    /** The whole answer, as the user sees it. */
    public String render() {
      return usage.isEmpty() ? reason : reason + "\n" + usage;
    }
  }
}
