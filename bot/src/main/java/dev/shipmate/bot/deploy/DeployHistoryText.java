package dev.shipmate.bot.deploy;

import dev.shipmate.bot.presenter.DurationWords;
import dev.shipmate.bot.slack.render.Mrkdwn;
import dev.shipmate.engine.run.Run;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/**
 * The answer to {@code /deploy history web prod}: the last deploys and rollbacks of a service in an
 * environment, newest first, each with its version, who asked, who approved, the outcome and how
 * long it took.
 */
final class DeployHistoryText {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private DeployHistoryText() {}

  /**
   * @param approvers who approved a run, by run
   * @param labels what each run did, where the service and environment are already said
   */
  static String render(
      String service,
      String environment,
      List<Run> runs,
      Function<Run, List<String>> approvers,
      Function<Run, String> labels) {
    if (runs.isEmpty()) {
      return "No deploys or rollbacks of "
          + service
          + " in "
          + environment
          + " yet. Start one with /deploy "
          + service
          + " VERSION "
          + environment
          + ".";
    }
    StringBuilder text =
        new StringBuilder(
            "Last "
                + (runs.size() == 1 ? "run" : runs.size() + " runs")
                + " of "
                + service
                + " in "
                + environment
                + ", newest first:");
    for (Run run : runs) {
      text.append("\n• ").append(line(run, approvers.apply(run), labels.apply(run)));
    }
    return text.toString();
  }

  /**
   * {@code `d-4k2p` 2026-11-21 10:00 UTC · deploy v1.2 · by <@U1> · approved by <@U2> · succeeded
   * in 3m12s}
   */
  private static String line(Run run, List<String> approvers, String label) {
    String approved =
        approvers.isEmpty()
            ? run.approvalsRequired() > 0 ? "not approved" : "no approval needed"
            : "approved by "
                + String.join(", ", approvers.stream().map(u -> "<@" + u + ">").toList());
    return "`"
        + run.id()
        + "` "
        + TIME.format(run.createdAt())
        + " · "
        + Mrkdwn.escape(label)
        + " · by <@"
        + run.requester()
        + "> · "
        + approved
        + " · "
        + outcome(run);
  }

  private static String outcome(Run run) {
    if (run.isActive()) {
      return (run.isRollingBack() ? "rolling back" : run.status().words()) + " now";
    }
    Duration took =
        Duration.between(
            run.state().startedAt().orElse(run.createdAt()),
            run.state().finishedAt().orElse(run.state().updatedAt()));
    return run.status().words() + " in " + DurationWords.of(took);
  }
}
