package dev.shipmate.bot.dispatch;

import dev.shipmate.bot.presenter.DurationWords;
import dev.shipmate.engine.run.Run;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The answer to {@code /runs}: the active runs, oldest first, one line each. */
public final class RunsList {

  static final String NOTHING_RUNNING =
      "Nothing is running. Start a run with /deploy <service> <version> <environment>,"
          + " or see every command with /shipmate help.";

  private final Clock clock;

  public RunsList(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@code `d-4k2p` deploy web v1.2 to prod · deploy:prod/web · running · <@U1> · 3m12s} */
  public String render(List<Run> active) {
    if (active.isEmpty()) {
      return NOTHING_RUNNING;
    }
    StringBuilder text =
        new StringBuilder(
            active.size() == 1 ? "1 run is active:" : active.size() + " runs are active:");
    for (Run run : active) {
      text.append("\n• ").append(line(run));
    }
    return text.append("\nStop one with /cancel <run-id>.").toString();
  }

  private String line(Run run) {
    String state = run.isRollingBack() ? "rolling back" : run.status().words();
    if (run.cancelRequest().isPresent() && run.isActive()) {
      state += ", cancelling";
    }
    if (run.question().isPresent()) {
      state += ", paused: needs an answer on its card";
    } else if (run.isPaused()) {
      state += ", paused by <@" + run.pause().orElseThrow().by() + ">";
    }
    return "`"
        + run.id()
        + "` "
        + run.summary()
        + " · "
        + run.target()
        + " · "
        + state
        + " · <@"
        + run.requester()
        + "> · "
        + DurationWords.of(Duration.between(run.createdAt(), clock.instant()));
  }
}
