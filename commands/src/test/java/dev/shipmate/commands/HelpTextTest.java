package dev.shipmate.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HelpText")
class HelpTextTest {

  @Test
  @DisplayName("all() has one line per way of writing a command, with its example")
  void allListsEveryCommandWithAnExample() {
    String help = HelpText.all();

    for (Usage usage : Usage.values()) {
      assertThat(help).contains("`" + usage.line() + "` — " + usage.description() + usage.eg());
    }
    for (String slash : CommandGrammar.SLASH_COMMANDS) {
      assertThat(help).contains("`" + slash);
    }
    assertThat(help).contains("left out when the configuration has only one");
  }

  @Test
  @DisplayName("usages() lists every way of writing every slash command, for the web view's hints")
  void usagesCoverEveryCommand() {
    List<HelpText.UsageLine> usages = HelpText.usages();

    assertThat(usages).hasSize(Usage.values().length);
    assertThat(usages.stream().map(HelpText.UsageLine::command))
        .containsAll(CommandGrammar.SLASH_COMMANDS);
    assertThat(usages)
        .contains(
            new HelpText.UsageLine(
                "/deploy",
                "/deploy <service> <version> <environment> [--dry-run] [--break-glass \"<reason>\"]"
                    + " [--queue]",
                Usage.DEPLOY.description(),
                "/deploy web v1.2 prod"));
  }

  @Test
  @DisplayName("an example is shown unless the usage line is its own example")
  void examples() {
    assertThat(Usage.DEPLOY.eg()).isEqualTo(", e.g. `/deploy web v1.2 prod`");
    assertThat(Usage.RUNS.eg()).isEmpty();
    assertThat(HelpText.all())
        .contains("`/env list` — the preview environments")
        .doesNotContain("e.g. `/env list`");
  }

  @Test
  @DisplayName("forCommand() takes the name with or without its slash, in any case")
  void forCommandTakesEitherSpelling() {
    assertThat(HelpText.forCommand("deploy")).isEqualTo(HelpText.forCommand("/deploy"));
    assertThat(HelpText.forCommand(" Deploy ")).isEqualTo(HelpText.forCommand("/deploy"));
    assertThat(HelpText.forCommand("deploy"))
        .hasValueSatisfying(
            text ->
                assertThat(text)
                    .startsWith(
                        "*/deploy*\n`/deploy <service> <version> <environment> [--dry-run] [--break-glass \"<reason>\"] [--queue]`")
                    .contains("`/deploy history <service> <environment>`")
                    .contains("Example: `/deploy web v1.2 prod`")
                    .contains("A version is an image tag"));
  }

  @Test
  @DisplayName("forCommand() explains the rules a command's rejections refer to")
  void forCommandExplainsTheRules() {
    assertThat(HelpText.forCommand("env").orElseThrow()).contains("pr-123, #123 or 123");
    assertThat(HelpText.forCommand("cutover").orElseThrow())
        .contains("`--step` and `--every` go together")
        .contains("`/cutover 25%`");
    assertThat(HelpText.forCommand("upgrade").orElseThrow()).contains("`/upgrade 1.31`");
    assertThat(HelpText.forCommand("cancel").orElseThrow()).contains("d-4k2p");
  }

  @Test
  @DisplayName("forCommand() is empty for a command that does not exist")
  void forCommandOfNothing() {
    assertThat(HelpText.forCommand("launch")).isEmpty();
    assertThat(HelpText.forCommand("")).isEmpty();
    assertThat(HelpText.forCommand(null)).isEmpty();
  }

  @Test
  @DisplayName("every Help topic the grammar produces has help text")
  void everyTopicHasHelp() {
    CommandGrammar grammar = new CommandGrammar(Catalogs.several());
    for (String slash : CommandGrammar.SLASH_COMMANDS) {
      ParseResult result = grammar.parse("/shipmate", "help " + slash);
      Command.Help help = (Command.Help) ((ParseResult.Parsed) result).command();
      assertThat(HelpText.forCommand(help.topic().orElseThrow())).as(slash).isPresent();
    }
  }
}
