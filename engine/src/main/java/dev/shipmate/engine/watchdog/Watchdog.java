package dev.shipmate.engine.watchdog;

import dev.shipmate.config.Watchdogs;
import dev.shipmate.engine.advance.RunListeners;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.recurring.RecurringJob;
import dev.shipmate.engine.recurring.Schedule;
import dev.shipmate.engine.run.Phase;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.run.StepRun;
import dev.shipmate.engine.store.RunStore;
import dev.shipmate.engine.wakeup.WakeUps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one watchdog ({@code watchdogs:}), a recurring job on its scheduler, once across
 * replicas. At each look it:
 *
 * <ul>
 *   <li>flags each run whose current step has shown no progress for {@code stuckFactor} times the
 *       step's {@link Step#expected() usual time} (or {@code stuckAfter}), once per stall: a {@link
 *       RunEvent.RunStuck} in its journal (and thread) and a {@code RUN_STUCK} ledger line;
 *   <li>wakes runs past their approval deadline (each also wakes itself then: this is the backstop
 *       for a wake-up that was lost) and runs a freeze holds (so that a lifted freeze lets them go
 *       on within a look, not at the freeze's planned end);
 *   <li>runs the watches features registered ({@link #watch}), such as a preview's expiry warning.
 * </ul>
 *
 * A paused run, one waiting for approval and one a freeze holds are waiting on purpose: never
 * stuck.
 */
public final class Watchdog {
  /** The recurring job's name. */
  public static final String JOB = "watchdogs";

  /** What shows a step moving: any of these in the run's journal since the step started. */
  static final Set<String> PROGRESS =
      Set.of(
          "RunStarted",
          "StepStarted",
          "StepProgressed",
          "StepSucceeded",
          "StepSkipped",
          "StepFailed",
          "RollbackStarted",
          "RunResumed",
          "DecisionMade",
          "RunHeld");

  private static final Set<String> FLAGGED = Set.of("RunStuck");
  private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

  private final RunStore store;
  private final PipelineRegistry pipelines;
  private final WakeUps wakeUps;
  private final Clock clock;
  private final Watchdogs settings;
  private final RunListeners listeners;
  private final Map<String, Runnable> watches = new ConcurrentHashMap<>();

  public Watchdog(
      RunStore store,
      PipelineRegistry pipelines,
      WakeUps wakeUps,
      Clock clock,
      Watchdogs settings,
      RunListeners listeners) {
    this.store = Objects.requireNonNull(store, "store");
    this.pipelines = Objects.requireNonNull(pipelines, "pipelines");
    this.wakeUps = Objects.requireNonNull(wakeUps, "wakeUps");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.listeners = Objects.requireNonNull(listeners, "listeners");
  }

  /** The recurring job that looks every {@code watchdogs.every}. */
  public RecurringJob job() {
    return new RecurringJob(JOB, Schedule.every(settings.every()), this::look);
  }

  public Watchdogs settings() {
    return settings;
  }

  /**
   * Adds a watch of a feature's own, run at each look after the runs' (registering a name again
   * replaces it): it must be quick, and say what it finds itself. What it throws is logged.
   */
  public void watch(String name, Runnable check) {
    watches.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
  }

  /** Removes a watch (its feature was turned off): false if none had that name. */
  public boolean unwatch(String name) {
    return watches.remove(name) != null;
  }

  /** One look: every active run, then every watch. */
  public void look() {
    Instant now = clock.instant();
    for (Run run : store.active()) {
      try {
        lookAt(run, now);
      } catch (RuntimeException e) {
        log.warn("the watchdog could not look at run {}: {}", run.id(), e.getMessage(), e);
      }
    }
    for (Map.Entry<String, Runnable> watch : watches.entrySet()) {
      try {
        watch.getValue().run();
      } catch (RuntimeException e) {
        log.warn("the watch {} failed; it runs again at the next look", watch.getKey(), e);
      }
    }
  }

  private void lookAt(Run run, Instant now) {
    if (run.status() == RunStatus.AWAITING_APPROVAL) {
      if (run.approvalDeadline().map(d -> !now.isBefore(d)).orElse(false)) {
        wakeUps.wakeAt(run.id(), now);
      }
      return;
    }
    if (run.isPaused() && run.pause().get().hold().isPresent()) {
      wakeUps.wakeAt(run.id(), now);
      return;
    }
    Optional<Stall> stall = stall(run, now);
    if (stall.isEmpty()) {
      return;
    }
    Optional<Instant> flagged = store.lastEvent(run.id(), FLAGGED);
    if (flagged.map(at -> !at.isBefore(stall.get().since())).orElse(false)) {
      return; // said once for this stall already
    }
    RunEvent event =
        new RunEvent.RunStuck(
            run, now, stall.get().step(), stall.get().since(), stall.get().limit());
    store.note(
        event,
        AuditEntry.ofRun(
            now,
            AuditEntry.ENGINE,
            AuditAction.RUN_STUCK,
            run.target(),
            run.id(),
            event.describe()));
    log.warn("{}", event.describe());
    listeners.publish(List.of(event));
  }

  /** The runs stuck now, in the order of {@code runs}: what {@code /runs} marks. */
  public Map<RunId, Stall> stalls(List<Run> runs) {
    Instant now = clock.instant();
    Map<RunId, Stall> stalls = new LinkedHashMap<>();
    for (Run run : runs) {
      stall(run, now).ifPresent(s -> stalls.put(run.id(), s));
    }
    return stalls;
  }

  /** Whether {@code run} is stuck at {@code now}, and since when. */
  public Optional<Stall> stall(Run run, Instant now) {
    if (!run.isActive() || run.status() != RunStatus.RUNNING || run.isPaused()) {
      return Optional.empty();
    }
    Optional<String> stepName = run.currentStep();
    if (stepName.isEmpty()) {
      return Optional.empty();
    }
    Optional<StepRun> stepRun = store.stepRun(run.id(), run.phase(), run.state().stepIndex());
    Instant since =
        latest(
            stepRun.map(StepRun::startedAt).orElse(run.state().updatedAt()),
            store.lastEvent(run.id(), PROGRESS));
    Duration limit = limit(run);
    if (Duration.between(since, now).compareTo(limit) < 0) {
      return Optional.empty();
    }
    return Optional.of(new Stall(run.id(), stepName.get(), since, limit));
  }

  /** {@code stuckFactor} times the current step's usual time, or {@code stuckAfter}. */
  private Duration limit(Run run) {
    return step(run)
        .flatMap(Step::expected)
        .map(expected -> expected.multipliedBy(settings.stuckFactor()))
        .orElse(settings.stuckAfter());
  }

  private Optional<Step<?>> step(Run run) {
    if (run.phase() != Phase.FORWARD) {
      return Optional.empty();
    }
    Optional<Pipeline<?>> pipeline = pipelines.find(run.pipeline());
    int index = run.state().stepIndex();
    if (pipeline.isEmpty() || index >= pipeline.get().steps().size()) {
      return Optional.empty();
    }
    Step<?> step = pipeline.get().steps().get(index);
    return run.currentStep().equals(Optional.of(step.name()))
        ? Optional.of(step)
        : Optional.empty();
  }

  private static Instant latest(Instant a, Optional<Instant> b) {
    return b.filter(at -> at.isAfter(a)).orElse(a);
  }
}
