package dev.shipmate.commands;

import java.util.List;

/**
 * Why a command was not understood, raised wherever reading it stops and turned into a {@link
 * ParseResult.Rejected} at the one place that calls the grammar. It carries no stack trace: it is
 * an answer for a person, not a fault.
 */
final class InvalidCommand extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Usage> usages;

  InvalidCommand(String reason, List<Usage> usages) {
    super(reason, null, false, false);
    this.usages = List.copyOf(usages);
  }

  String reason() {
    return getMessage();
  }

  List<Usage> usages() {
    return usages;
  }
}
