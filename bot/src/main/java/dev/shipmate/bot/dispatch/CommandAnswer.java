package dev.shipmate.bot.dispatch;

import java.util.Objects;
import java.util.Optional;

/**
 * What the {@link CommandDispatcher} answers a command: the text for who typed it, and, for a run
 * whose target asks for a confirmation, what to show them before anything starts (then the text is
 * empty: the confirmation is the answer).
 */
public record CommandAnswer(String text, Optional<Confirmation> confirmation) {

  public CommandAnswer {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(confirmation, "confirmation");
  }

  public static CommandAnswer text(String text) {
    return new CommandAnswer(text, Optional.empty());
  }

  public static CommandAnswer confirm(Confirmation confirmation) {
    return new CommandAnswer("", Optional.of(confirmation));
  }
}
