package dev.shipmate.bot.dispatch;

import dev.shipmate.bot.presenter.DurationWords;
import dev.shipmate.engine.run.FreezeHold;
import dev.shipmate.engine.run.PauseRequest;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.watchdog.Stall;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The answer to {@code /runs}: the active runs, oldest first, one line each. */
public final class RunsList {

  static final String NOTHING_RUNNING =
      "Nothing is running. Start a run with /deploy <service> <version> <environment>,"
          + " or see every command with /shipmate help.";

  private final Clock clock;

  public RunsList(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The active runs, oldest first, and those of them the watchdog finds stuck. */
  public record Active(List<Run> runs, Map<RunId, Stall> stalls) {
    public Active {
      runs = List.copyOf(runs);
      stalls = Map.copyOf(stalls);
    }
  }

  /** {@code `d-4k2p` deploy web v1.2 to prod · deploy:prod/web · running · <@U1> · 3m12s} */
  public String render(List<Run> active) {
    return render(new Active(active, Map.of()));
  }

  /** The same, with {@code · stuck at rollout for 1h12m} on each run the watchdog finds stuck. */
  public String render(Active all) {
    List<Run> active = all.runs();
    if (active.isEmpty()) {
      return NOTHING_RUNNING;
    }
    StringBuilder text =
        new StringBuilder(
            active.size() == 1 ? "1 run is active:" : active.size() + " runs are active:");
    for (Run run : active) {
      text.append("\n• ").append(line(run));
      Stall stall = all.stalls().get(run.id());
      if (stall != null) {
        text.append(" · :hourglass: stuck: no progress at ")
            .append(stall.step())
            .append(" for ")
            .append(DurationWords.of(stall.stalledFor(clock.instant())));
      }
    }
    return text.append("\nStop one with /cancel <run-id>.").toString();
  }

  private String line(Run run) {
    String state = run.isRollingBack() ? "rolling back" : run.status().words();
    if (run.cancelRequest().isPresent() && run.isActive()) {
      state += ", cancelling";
    }
    Optional<FreezeHold> hold = run.pause().flatMap(PauseRequest::hold).filter(h -> run.isPaused());
    if (run.question().isPresent()) {
      state += ", paused: needs an answer on its card";
    } else if (hold.isPresent()) {
      state +=
          ", paused by "
              + hold.get().names()
              + " until "
              + RunEvent.TIME.format(hold.get().until());
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
