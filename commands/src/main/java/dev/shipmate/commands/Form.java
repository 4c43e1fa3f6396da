package dev.shipmate.commands;

import java.util.List;
import java.util.Set;

/**
 * One way of writing a command: its words in order, the options it takes, and how its values make
 * the command. Several forms may share a usage line ({@code /rollback web prod} and {@code
 * /rollback web prod to v1.1}).
 */
record Form(Usage usage, List<Slot> slots, Set<Flag> flags, Builder builder) {

  Form {
    slots = List.copyOf(slots);
    flags = Set.copyOf(flags);
  }

  /** Makes the command from checked values; may still refuse a combination of options. */
  @FunctionalInterface
  interface Builder {
    Command build(Values values, Options options);
  }

  /** The usage lines of some forms, each once, in the forms' order. */
  static List<Usage> usages(List<Form> forms) {
    return forms.stream().map(Form::usage).distinct().toList();
  }

  /** Whether the form starts with a subcommand, as all of {@code /env}'s do. */
  boolean startsWithSubcommand() {
    return !slots.isEmpty() && slots.get(0) instanceof Keyword keyword && keyword.subcommand();
  }
}
