package dev.shipmate.bot.report;

import dev.shipmate.bot.auth.Guard;
import dev.shipmate.bot.presenter.Audience;
import dev.shipmate.bot.presenter.RunAction;
import dev.shipmate.bot.presenter.RunActionKind;
import dev.shipmate.bot.presenter.RunCard;
import dev.shipmate.bot.presenter.RunState;
import dev.shipmate.bot.presenter.StepLine;
import dev.shipmate.bot.presenter.StepStatus;
import dev.shipmate.bot.presenter.ThreadNote;
import dev.shipmate.bot.slice.Slices;
import dev.shipmate.config.Notifications;
import dev.shipmate.config.Principal;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.run.Failure;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.engine.run.FreezeHold;
import dev.shipmate.engine.run.PauseRequest;
import dev.shipmate.engine.run.Phase;
import dev.shipmate.engine.run.Question;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.run.StepRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a run looks like in chat: its card (from the run, its step runs and its approvers) and the
 * thread notes an event deserves. Pure: no I/O, no clock; the same inputs give the same card.
 */
public final class RunCardProjector {

  private final PipelineRegistry pipelines;
  private final Slices slices;
  private final Map<String, List<String>> groups;

  /**
   * @param pipelines their steps and whether they pause
   * @param slices what each pipeline's slice declared of its runs: guard, stop, finished actions
   */
  public RunCardProjector(PipelineRegistry pipelines, Slices slices) {
    this(pipelines, slices, Map.of());
  }

  /**
   * @param groups the configuration's groups and their members, for the approvers a note calls on
   */
  public RunCardProjector(
      PipelineRegistry pipelines, Slices slices, Map<String, List<String>> groups) {
    this.pipelines = Objects.requireNonNull(pipelines, "pipelines");
    this.slices = Objects.requireNonNull(slices, "slices");
    this.groups = Map.copyOf(groups);
  }

  /** The run's title: its summary, as a sentence starts ({@code Deploy web v1.2 to prod}). */
  public static String title(Run run) {
    String summary = run.summary();
    return summary.isEmpty()
        ? run.pipeline()
        : summary.substring(0, 1).toUpperCase(Locale.ROOT) + summary.substring(1);
  }

  public RunCard card(Run run, List<StepRun> stepRuns, List<String> approvers) {
    return card(run, stepRuns, approvers, Optional.empty());
  }

  /**
   * @param queued where the run stands in its target's queue, while it is queued: shown in place of
   *     a step's progress
   */
  public RunCard card(
      Run run, List<StepRun> stepRuns, List<String> approvers, Optional<String> queued) {
    RunCard.Builder card =
        RunCard.builder(run.id().value(), run.pipeline(), title(run), run.requester())
            .state(RunState.valueOf(run.status().name()))
            .steps(lines(run, stepRuns))
            .progress(queued.orElseGet(() -> progress(run, stepRuns)))
            .startedAt(run.createdAt())
            .approvals(run.approvalsRequired(), approvers);
    run.state().finishedAt().ifPresent(card::finishedAt);
    run.cancelRequest().ifPresent(cancel -> card.cancelledBy(cancel.by()));
    if (run.question().isPresent()) {
      card.question(run.question().get().text());
    } else if (hold(run).isPresent()) {
      card.heldBy(hold(run).get().names());
    } else if (run.isPaused()) {
      card.pausedBy(run.pause().orElseThrow().by());
    }
    boolean confirm = slices.of(run).map(guard -> guard.policy().confirm()).orElse(false);
    for (RunActionKind action : actions(run)) {
      if (action == RunActionKind.CHOOSE) {
        answers(run.question().orElseThrow()).forEach(card::action);
      } else if (confirm) {
        card.confirmedAction(action);
      } else {
        card.action(action);
      }
    }
    return card.build();
  }

  /**
   * The buttons valid now: approve while it waits for approval; pause or resume while a pausable
   * run runs forward; its stop while it can stop; once it is over, what its slice offers (Roll back
   * a deploy that replaced a known version).
   */
  List<RunActionKind> actions(Run run) {
    if (!run.isActive()) {
      return slices.whenFinished(run);
    }
    if (run.cancelRequest().isPresent() || run.isRollingBack()) {
      return List.of();
    }
    RunActionKind stop = stopAction(run);
    if (run.status() == RunStatus.AWAITING_APPROVAL) {
      return List.of(RunActionKind.APPROVE, stop);
    }
    if (run.question().isPresent()) {
      // The answers stand in for Resume: resuming would only make the step ask again.
      return List.of(RunActionKind.CHOOSE, stop);
    }
    if (hold(run).isPresent()) {
      // A freeze holds it, whatever its pipeline: Resume lets it go on through the freeze now.
      return List.of(RunActionKind.RESUME, stop);
    }
    boolean pausable = pipelines.find(run.pipeline()).map(Pipeline::pausable).orElse(false);
    if (run.status() == RunStatus.RUNNING && pausable) {
      return List.of(run.isPaused() ? RunActionKind.RESUME : RunActionKind.PAUSE, stop);
    }
    return List.of(stop);
  }

  /** What a freeze holds the run for, while the in-flight rule has paused it. */
  private static Optional<FreezeHold> hold(Run run) {
    return run.isPaused() ? run.pause().flatMap(PauseRequest::hold) : Optional.empty();
  }

  /** Cancel, or Abort where the slice says stopping is not "as if it never ran". */
  private RunActionKind stopAction(Run run) {
    return slices.stop(run).button();
  }

  /** One button per answer to the question, as the card and the thread offer them. */
  private static List<RunAction> answers(Question question) {
    return question.choices().stream().map(RunAction::choose).toList();
  }

  /** The notes a thread gets for {@code event}; most events only change the card. */
  public List<ThreadNote> notes(RunEvent event) {
    Run run = event.run();
    if (event instanceof RunEvent.RunRequested && run.status() == RunStatus.QUEUED) {
      return List.of(); // the card says where it stands; approvals are asked when its turn comes
    }
    if (event instanceof RunEvent.Dequeued) {
      List<ThreadNote> notes = new ArrayList<>();
      notes.add(
          ThreadNote.queueTurn(run.id() + "'s turn came: " + event.describe()).to(requester(run)));
      notes.addAll(approvalRequest(run));
      return notes;
    }
    if (event instanceof RunEvent.RunRequested && run.approvalsRequired() > 0) {
      return approvalRequest(run);
    }
    if (event instanceof RunEvent.StepSucceeded succeeded) {
      return List.of(
          ThreadNote.stepFinished(succeeded.name(), StepStatus.DONE, succeeded.note().orElse("")));
    }
    if (event instanceof RunEvent.QuestionAsked asked) {
      List<RunAction> buttons = new ArrayList<>(answers(asked.question()));
      buttons.add(RunAction.of(stopAction(run)));
      return List.of(
          ThreadNote.question(
                  run.id().value(),
                  run.id()
                      + " is paused and needs you. "
                      + asked.question().text()
                      + " "
                      + stopAction(run).label()
                      + " stops the run.",
                  buttons)
              .to(requester(run)));
    }
    if (event instanceof RunEvent.RunHeld held) {
      return List.of(
          ThreadNote.warning(
                  held.describe()
                      + " "
                      + RunActionKind.RESUME.label()
                      + " on the card lets it go on now.")
              .to(requester(run)));
    }
    if (event instanceof RunEvent.RunStuck stuck) {
      // Always the requester: a stuck run is theirs to look at, whatever notify.requester says.
      return List.of(
          ThreadNote.warning(
                  stuck.describe()
                      + ". Look at "
                      + run.target()
                      + ", then let it be or "
                      + stopAction(run).label()
                      + " it.")
              .to(Audience.of(run.requester())));
    }
    if (event instanceof RunEvent.RunResumed resumed
        && resumed.by().equals(dev.shipmate.engine.audit.AuditEntry.ENGINE)) {
      return List.of(ThreadNote.warning(run.id() + ": the freeze is over; it goes on."));
    }
    if (event instanceof RunEvent.DecisionMade decided) {
      return List.of(ThreadNote.warning(decided.describe() + "; the run goes on."));
    }
    if (event instanceof RunEvent.StepSkipped skipped) {
      return List.of(ThreadNote.stepFinished(skipped.name(), StepStatus.SKIPPED, skipped.reason()));
    }
    if (event instanceof RunEvent.StepRetrying retrying) {
      return List.of(ThreadNote.warning(retrying.describe()));
    }
    if (event instanceof RunEvent.RollbackStarted rollback) {
      Failure cause = rollback.cause();
      String why =
          cause.kind() == FailureKind.CANCELLED
              ? run.id() + " is cancelled"
              : run.id() + " failed at " + stepOf(cause, run) + ": " + sentence(cause.message());
      return List.of(ThreadNote.warning(why + "; Shipmate is undoing what it changed."));
    }
    if (event instanceof RunEvent.RunFinished) {
      return finished(run);
    }
    return List.of();
  }

  /** The note that calls on the approvers of a run that waits for them, if anyone is called. */
  private List<ThreadNote> approvalRequest(Run run) {
    if (run.approvalsRequired() == 0) {
      return List.of();
    }
    Audience approvers = notifications(run).approvers() ? approvers(run) : Audience.THREAD;
    return approvers.mentionsAnyone()
        ? List.of(
            ThreadNote.approvalRequest(
                run.id().value(), title(run), run.approvalsRequired(), approvers))
        : List.of();
  }

  private List<ThreadNote> finished(Run run) {
    List<ThreadNote> notes = new ArrayList<>();
    RunStatus status = run.status();
    Audience requester = requester(run);
    Notifications.Channel channel = notifications(run).channel();
    if ((status == RunStatus.FAILED || status == RunStatus.ROLLED_BACK)
        && run.failure().isPresent()) {
      Failure failure = run.failure().get();
      notes.add(
          ThreadNote.failureCause(
                  run.id().value(),
                  stepOf(failure, run),
                  sentence(failure.message()),
                  whatShipmateDid(run))
              .to(channel != Notifications.Channel.NEVER ? requester.andChannel() : requester));
    } else if (status == RunStatus.CANCELLED && run.message().isPresent()) {
      notes.add(ThreadNote.warning(run.message().get()));
    }
    Duration took =
        Duration.between(
            run.state().startedAt().orElse(run.createdAt()),
            run.state().finishedAt().orElse(run.state().updatedAt()));
    notes.add(
        ThreadNote.outcome(title(run), RunState.valueOf(status.name()), took)
            .to(channel == Notifications.Channel.OUTCOMES ? requester.andChannel() : requester));
    return notes;
  }

  /**
   * Whom the run's target calls on ({@code notify:}); by default everyone, and the channel too for
   * failures where approvals or a confirmation are asked (prod, as configured).
   */
  private Notifications notifications(Run run) {
    return slices
        .of(run)
        .map(guard -> guard.policy().notifications())
        .orElse(Notifications.defaults(0, false));
  }

  /** The requester, in the thread — unless the target's {@code notify.requester} is off. */
  private Audience requester(Run run) {
    return notifications(run).requester() ? Audience.of(run.requester()) : Audience.THREAD;
  }

  /**
   * The approvers of the run's target, to call on: a Slack user group as a whole, a group of the
   * configuration by its members; never the requester, who may not approve their own run.
   */
  private Audience approvers(Run run) {
    Optional<Guard> guard = slices.of(run);
    if (guard.isEmpty()) {
      return Audience.THREAD;
    }
    Set<String> users = new java.util.LinkedHashSet<>();
    List<String> userGroups = new ArrayList<>();
    for (Principal principal : guard.get().policy().effectiveApprovers()) {
      if (principal instanceof Principal.User user) {
        users.add(user.id());
      } else if (principal instanceof Principal.Group group) {
        users.addAll(groups.getOrDefault(group.name(), List.of()));
      } else if (principal instanceof Principal.SlackUserGroup userGroup) {
        userGroups.add(userGroup.id());
      }
    }
    users.remove(run.requester());
    return new Audience(List.copyOf(users), userGroups, false);
  }

  private static String whatShipmateDid(Run run) {
    if (run.status() == RunStatus.ROLLED_BACK) {
      return "Shipmate rolled back everything the run had changed.";
    }
    return run.state()
        .undoFailure()
        .map(
            undo ->
                "Shipmate started undoing what the run had changed, but "
                    + undo.step().orElse("an undo")
                    + " failed: "
                    + sentence(undo.message())
                    + ". Check "
                    + run.target()
                    + " by hand.")
        .orElse("Nothing needed undoing.");
  }

  private static String stepOf(Failure failure, Run run) {
    return failure.step().or(run::currentStep).orElse("an unnamed step");
  }

  private static String sentence(String message) {
    String text = message.strip();
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  private List<StepLine> lines(Run run, List<StepRun> stepRuns) {
    Map<Integer, StepRun> forward = new HashMap<>();
    List<StepRun> compensating = new ArrayList<>();
    for (StepRun step : stepRuns) {
      if (step.phase() == Phase.FORWARD) {
        forward.put(step.index(), step);
      } else if (step.phase() == Phase.COMPENSATING) {
        compensating.add(step);
      }
    }
    List<String> names = new ArrayList<>();
    Map<String, Integer> undoOf = new HashMap<>();
    Optional<Pipeline<?>> pipeline = pipelines.find(run.pipeline());
    if (pipeline.isPresent()) {
      for (Step<?> step : pipeline.get().steps()) {
        int index = names.size();
        names.add(step.name());
        step.undo().ifPresent(undo -> undoOf.put(undo.name(), index));
      }
    } else {
      // A pipeline this build does not know: show what the journal says it ran.
      forward.values().stream()
          .sorted(Comparator.comparingInt(StepRun::index))
          .forEach(step -> names.add(step.step()));
    }
    Set<Integer> undone = new HashSet<>();
    for (StepRun undo : compensating) {
      if (undo.status().isSuccessful() && undoOf.containsKey(undo.step())) {
        undone.add(undoOf.get(undo.step()));
      }
    }
    List<StepLine> lines = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      lines.add(line(names.get(i), forward.get(i), undone.contains(i)));
    }
    return lines;
  }

  private static StepLine line(String name, StepRun step, boolean undone) {
    if (step == null) {
      return StepLine.of(name, StepStatus.PENDING);
    }
    String progress = step.progress().orElse("");
    return switch (step.status()) {
      case RUNNING -> {
        if (step.failure().isPresent()) {
          yield new StepLine(
              name, StepStatus.WAITING, "retrying: " + step.failure().get().message());
        }
        boolean waiting = step.nextCheckAt().isPresent() && !step.inFlight();
        yield new StepLine(name, waiting ? StepStatus.WAITING : StepStatus.RUNNING, progress);
      }
      case SUCCEEDED -> new StepLine(name, undone ? StepStatus.UNDONE : StepStatus.DONE, "");
      case SKIPPED -> new StepLine(name, StepStatus.SKIPPED, progress);
      case FAILED ->
          new StepLine(name, StepStatus.FAILED, step.failure().map(Failure::message).orElse(""));
      case CANCELLED -> new StepLine(name, StepStatus.FAILED, "cancelled");
    };
  }

  private String progress(Run run, List<StepRun> stepRuns) {
    if (!run.isActive()) {
      return "";
    }
    if (run.isRollingBack()) {
      return "Rolling back" + run.currentStep().map(step -> ": " + step).orElse("");
    }
    if (run.cancelRequest().isPresent()) {
      return "Cancelling";
    }
    if (run.question().isPresent()) {
      return "Paused at "
          + run.currentStep().orElse("its step")
          + " until someone answers: "
          + run.question().get().choiceLabels()
          + ", or "
          + stopAction(run).label();
    }
    if (hold(run).isPresent()) {
      FreezeHold hold = hold(run).get();
      return "Paused"
          + run.currentStep().map(step -> " at " + step).orElse("")
          + " while "
          + hold.names()
          + " is in force ("
          + hold.reason()
          + "): it goes on by itself at "
          + RunEvent.TIME.format(hold.until())
          + ", or now with "
          + RunActionKind.RESUME.label();
    }
    if (run.isPaused()) {
      return "Paused" + run.currentStep().map(step -> " at " + step).orElse("");
    }
    return run.currentStep()
        .flatMap(
            current ->
                stepRuns.stream()
                    .filter(s -> s.phase() == run.phase() && s.step().equals(current))
                    .reduce((first, second) -> second)
                    .flatMap(StepRun::progress))
        .orElse("");
  }
}
