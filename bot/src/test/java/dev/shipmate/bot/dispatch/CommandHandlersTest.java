package dev.shipmate.bot.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipmate.commands.Command;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CommandHandlersTest {

  @Test
  @DisplayName("names every command of the grammar that no handler answers")
  void missing() {
    CommandHandlers handlers =
        new CommandHandlers()
            .query(Command.Runs.class, (runs, origin) -> Reply.answer("none"))
            .on(Command.Cancel.class, (cancel, origin) -> Reply.answer("cancelled"));

    assertThat(handlers.missing())
        .hasSize(Command.class.getPermittedSubclasses().length - 2)
        .contains("Deploy", "EnvUp", "Drift", "Help")
        .doesNotContain("Runs", "Cancel");
  }

  @Test
  @DisplayName("is whole once every permitted command has a handler")
  void whole() {
    CommandHandlers handlers = new CommandHandlers();
    Arrays.stream(Command.class.getPermittedSubclasses()).forEach(type -> register(handlers, type));

    assertThat(handlers.missing()).isEmpty();
  }

  @Test
  @DisplayName("refuses a second handler for one command: each command has one owner")
  void oneOwner() {
    CommandHandlers handlers =
        new CommandHandlers().on(Command.Drift.class, (drift, origin) -> Reply.answer("a"));

    assertThatThrownBy(() -> handlers.on(Command.Drift.class, (drift, origin) -> Reply.answer("b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Drift");
  }

  @SuppressWarnings("unchecked")
  private static void register(CommandHandlers handlers, Class<?> type) {
    handlers.query((Class<Command>) type, (command, origin) -> Reply.answer(type.getSimpleName()));
  }
}
