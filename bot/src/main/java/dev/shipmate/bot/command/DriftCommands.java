package dev.shipmate.bot.command;

import dev.shipmate.bot.drift.DriftReports;
import dev.shipmate.commands.Command;
import java.util.Optional;

/** {@code /drift [cluster]}: a drift report now, made off the thread that acknowledges it. */
public final class DriftCommands {
  /** For a configuration without a {@code drift} section. */
  public static final DriftCommands NONE = new DriftCommands(Optional.empty());

  static final String NOT_CONFIGURED =
      "Drift reports are not set up, so nothing was checked: add a `drift` section (schedule,"
          + " channel, source) to shipmate.yaml, as in docs/drift.md, and restart Shipmate.";

  private final Optional<DriftReports> reports;

  private DriftCommands(Optional<DriftReports> reports) {
    this.reports = reports;
  }

  public static DriftCommands of(DriftReports reports) {
    return new DriftCommands(Optional.of(reports));
  }

  /** What to answer the person who typed it. */
  String route(Command.Drift drift, CommandOrigin origin) {
    return reports
        .map(r -> r.requested(drift.cluster(), origin.channelId(), origin.userId()))
        .orElse(NOT_CONFIGURED);
  }
}
