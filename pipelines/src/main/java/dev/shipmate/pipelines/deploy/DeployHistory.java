package dev.shipmate.pipelines.deploy;

import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.Run;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code /deploy history web prod}: the last deploys and rollbacks of a service in an environment,
 * from the engine's ledger ({@code engine.history(DeployHistory.target(service, env), 10)}), one
 * line each, newest first.
 */
public final class DeployHistory {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private DeployHistory() {}

  /** The key both pipelines hold, under which the engine keeps their runs. */
  public static LockKey target(String service, String environment) {
    return DeployTarget.lockKey(service, environment);
  }

  /**
   * {@code d-4k2p · 2026-11-21 10:00 UTC · deploy web v1.2 to prod · U01SRE1 · succeeded}, one line
   * per run; or a sentence saying there are none.
   */
  public static String text(String service, String environment, List<Run> runs) {
    if (runs.isEmpty()) {
      return "No deploys or rollbacks of " + service + " in " + environment + " yet.";
    }
    return "Last "
        + (runs.size() == 1 ? "run" : runs.size() + " runs")
        + " of "
        + service
        + " in "
        + environment
        + ":\n"
        + runs.stream().map(DeployHistory::line).collect(Collectors.joining("\n"));
  }

  private static String line(Run run) {
    return run.id()
        + " · "
        + TIME.format(run.createdAt())
        + " · "
        + run.summary()
        + " · "
        + run.requester()
        + " · "
        + (run.isRollingBack() ? "rolling back" : run.status().words());
  }
}
