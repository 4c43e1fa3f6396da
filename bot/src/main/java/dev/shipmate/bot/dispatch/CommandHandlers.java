package dev.shipmate.bot.dispatch;

import dev.shipmate.commands.Command;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which handler answers which command, by the command's record class. Java 17 has no switch over
 * sealed types outside preview, so exhaustiveness is checked here instead: {@link #missing()} names
 * every permitted {@link Command} without a handler, the {@link CommandDispatcher} refuses to start
 * with any, and a unit test keeps the production registration complete.
 */
public final class CommandHandlers {

  /** A handler and whether a second delivery of its command must be recognised. */
  record Entry(CommandHandler<Command> handler, boolean changesThings) {}

  private final Map<Class<? extends Command>, Entry> byType = new LinkedHashMap<>();

  /**
   * {@code handler} answers {@code type}, which may change something (start, cancel, pause a run):
   * a second delivery of the same request is answered "already received".
   */
  public <C extends Command> CommandHandlers on(Class<C> type, CommandHandler<C> handler) {
    return put(type, handler, true);
  }

  /** {@code handler} answers {@code type}, which only reads: a redelivery is answered again. */
  public <C extends Command> CommandHandlers query(Class<C> type, CommandHandler<C> handler) {
    return put(type, handler, false);
  }

  @SuppressWarnings("unchecked")
  private <C extends Command> CommandHandlers put(
      Class<C> type, CommandHandler<C> handler, boolean changesThings) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(handler, "handler");
    CommandHandler<Command> any = (command, origin) -> handler.handle(type.cast(command), origin);
    if (byType.putIfAbsent(type, new Entry(any, changesThings)) != null) {
      throw new IllegalArgumentException(
          "two handlers for " + type.getSimpleName() + ": each command has one owner");
    }
    return this;
  }

  Optional<Entry> find(Command command) {
    return Optional.ofNullable(byType.get(command.getClass()));
  }

  /**
   * The commands of the grammar that nothing here answers; empty when the registration is whole.
   */
  public List<String> missing() {
    return Arrays.stream(Command.class.getPermittedSubclasses())
        .filter(type -> !byType.containsKey(type))
        .map(Class::getSimpleName)
        .sorted()
        .toList();
  }
}
