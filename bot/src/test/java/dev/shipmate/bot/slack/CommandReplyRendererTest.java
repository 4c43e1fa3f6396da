package dev.shipmate.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.commands.Catalog;
import dev.shipmate.commands.CommandGrammar;
import dev.shipmate.commands.HelpText;
import dev.shipmate.commands.ParseResult;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CommandReplyRendererTest {

  private final CommandGrammar grammar =
      new CommandGrammar(
          new Catalog(
              List.of("web", "api"),
              List.of("staging", "prod"),
              List.of("prod-eu", "dev"),
              List.of("www"),
              true));
  private final CommandReplyRenderer renderer = new CommandReplyRenderer();

  private String reply(String command, String text) {
    return renderer.render(grammar.parse(command, text));
  }

  @Test
  @DisplayName("an understood command is echoed, and the user is told that nothing started")
  void understood() {
    assertThat(reply("/deploy", "web v1.2 prod --dry-run"))
        .isEqualTo(
            "Understood: deploy web v1.2 to prod (dry run). Runs are not wired yet, so nothing"
                + " was started.");
  }

  @Test
  @DisplayName("/shipmate help is the help for every command")
  void helpForAll() {
    assertThat(reply("/shipmate", "help")).isEqualTo(HelpText.all());
  }

  @Test
  @DisplayName("/deploy help is the help for /deploy")
  void helpForOne() {
    assertThat(reply("/deploy", "help")).isEqualTo(HelpText.forCommand("deploy").orElseThrow());
  }

  @Test
  @DisplayName("a rejected command is answered with the grammar's reason and usage")
  void rejected() {
    ParseResult result = grammar.parse("/deploy", "wbe v1.2 prod");

    assertThat(result).isInstanceOf(ParseResult.Rejected.class);
    assertThat(renderer.render(result)).isEqualTo(((ParseResult.Rejected) result).render());
  }
}
