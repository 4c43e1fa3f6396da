package dev.shipmate.bot.dispatch;

import dev.shipmate.bot.auth.Authorizer;
import dev.shipmate.bot.auth.Decision;
import dev.shipmate.bot.auth.Guard;
import dev.shipmate.engine.ApproveResult;
import dev.shipmate.engine.CancelResult;
import dev.shipmate.engine.DecideResult;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.PauseResult;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.run.FreezeHold;
import dev.shipmate.engine.run.PauseRequest;
import dev.shipmate.engine.run.Question;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * Approving, cancelling, pausing and resuming a run on someone's behalf, from a command or a
 * button: the permission is checked every time, then the engine decides the rest (the requester
 * does not approve their own run, an approval counts once, a finished run cannot be cancelled, only
 * a pausable pipeline's running run can be paused). Where the run's target needs approvals, a
 * destructive answer (Evict anyway, Force update) and resuming a run someone else paused need
 * someone other than the requester who may approve (four eyes).
 */
public final class RunControls {

  /** What became of the request: done (the run's card will show it), or refused and why. */
  public sealed interface Outcome {
    String message();

    record Done(String message) implements Outcome {}

    record Refused(String message) implements Outcome {}
  }

  private final Engine engine;
  private final Authorizer authorizer;
  private final Guards guards;

  public RunControls(Engine engine, Authorizer authorizer, Guards guards) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    this.guards = Objects.requireNonNull(guards, "guards");
  }

  public Outcome approve(RunId id, String userId) {
    Optional<Run> found = engine.run(id);
    if (found.isEmpty()) {
      return new Outcome.Refused(new ApproveResult.NotFound(id).userMessage());
    }
    Optional<Guard> guard = guards.of(found.get());
    if (guard.isEmpty()) {
      return new Outcome.Refused(
          id + " has no approvers configured, so it cannot be approved from Slack.");
    }
    Decision decision = authorizer.mayApprove(userId, guard.get());
    if (decision instanceof Decision.Refused refused) {
      return new Outcome.Refused(refused.rule());
    }
    ApproveResult result = engine.approve(id, userId);
    return result instanceof ApproveResult.Recorded
        ? new Outcome.Done(result.userMessage())
        : new Outcome.Refused(result.userMessage());
  }

  /** Pauses a pausable run: its requester or an approver of its environment may. */
  public Outcome pause(RunId id, String userId) {
    return pauseOrResume(id, userId, "pause", true);
  }

  /**
   * Resumes a paused run: its requester or an approver of its environment may; where approvals are
   * asked, a run someone else paused only by an approver other than its requester.
   */
  public Outcome resume(RunId id, String userId) {
    return pauseOrResume(id, userId, "resume", false);
  }

  /**
   * Answers the question a paused run asks ("Skip node"): whoever may pause or resume it may, since
   * an answer lets it go on; where approvals are asked, a destructive choice ("Evict anyway") only
   * an approver other than the requester.
   */
  public Outcome decide(RunId id, String choice, String userId) {
    Optional<Run> found = engine.run(id);
    if (found.isEmpty()) {
      return new Outcome.Refused(new DecideResult.NotFound(id).userMessage());
    }
    if (mayControl(found.get(), userId, "answer for") instanceof Decision.Refused refused) {
      return new Outcome.Refused(refused.rule());
    }
    Optional<Question.Choice> destructive =
        found
            .get()
            .pause()
            .flatMap(PauseRequest::question)
            .flatMap(question -> question.choice(choice))
            .filter(Question.Choice::destructive);
    if (destructive.isPresent()
        && fourEyes(found.get(), userId, destructive.get().label())
            instanceof Decision.Refused refused) {
      return new Outcome.Refused(refused.rule());
    }
    DecideResult result = engine.decide(id, choice, userId);
    return result instanceof DecideResult.Decided
        ? new Outcome.Done(result.userMessage())
        : new Outcome.Refused(result.userMessage());
  }

  private Outcome pauseOrResume(RunId id, String userId, String verb, boolean pause) {
    Optional<Run> found = engine.run(id);
    if (found.isEmpty()) {
      return new Outcome.Refused(new PauseResult.NotFound(id).userMessage());
    }
    if (mayControl(found.get(), userId, verb) instanceof Decision.Refused refused) {
      return new Outcome.Refused(refused.rule());
    }
    Optional<String> pausedBySomeoneElse =
        found
            .get()
            .pause()
            .map(PauseRequest::by)
            .filter(by -> !by.equals(userId) && !by.equals(AuditEntry.ENGINE));
    if (!pause
        && pausedBySomeoneElse.isPresent()
        && fourEyes(found.get(), userId, "Resume (<@" + pausedBySomeoneElse.get() + "> paused it)")
            instanceof Decision.Refused refused) {
      return new Outcome.Refused(refused.rule());
    }
    Optional<FreezeHold> hold =
        found.get().isPaused() ? found.get().pause().flatMap(PauseRequest::hold) : Optional.empty();
    if (!pause
        && hold.isPresent()
        && throughFreeze(found.get(), userId, hold.get()) instanceof Decision.Refused refused) {
      return new Outcome.Refused(refused.rule());
    }
    PauseResult result = pause ? engine.pause(id, userId) : engine.resume(id, userId);
    return result instanceof PauseResult.Paused || result instanceof PauseResult.Resumed
        ? new Outcome.Done(result.userMessage())
        : new Outcome.Refused(result.userMessage());
  }

  /**
   * Resuming a run a freeze holds takes it through the freeze, as a break-glass does: it needs
   * someone other than its requester who may approve its target, even where the target asks for no
   * approvals.
   */
  private Decision throughFreeze(Run run, String userId, FreezeHold hold) {
    Optional<Guard> guard = guards.of(run);
    if (guard.isPresent()
        && !userId.equals(run.requester())
        && authorizer.mayApprove(userId, guard.get()) instanceof Decision.Allowed) {
      return Decision.allowed();
    }
    return new Decision.Refused(
        "Resume on "
            + run.id()
            + " takes it through "
            + hold.names()
            + " (in force until "
            + RunEvent.TIME.format(hold.until())
            + "), like a break-glass: someone other than its requester (<@"
            + run.requester()
            + ">) who may approve "
            + guard.map(Guard::name).orElse(run.target().toString())
            + " must press it. Nothing was changed; it goes on by itself when the freeze ends.");
  }

  /**
   * Four eyes: on a target whose runs need approvals, what overrides a safeguard ({@code what}: a
   * destructive answer such as Evict anyway, or resuming a run someone else paused) needs someone
   * other than the run's requester who may approve it. Elsewhere {@link #mayControl} is enough.
   */
  private Decision fourEyes(Run run, String userId, String what) {
    Optional<Guard> guard = guards.of(run);
    if (guard.isEmpty() || guard.get().policy().approvals() == 0) {
      return Decision.allowed();
    }
    boolean mayApprove = authorizer.mayApprove(userId, guard.get()) instanceof Decision.Allowed;
    if (!userId.equals(run.requester()) && mayApprove) {
      return Decision.allowed();
    }
    return new Decision.Refused(
        what
            + " on "
            + run.id()
            + " needs a second person: "
            + guard.get().name()
            + " asks for approvals, so someone other than its requester (<@"
            + run.requester()
            + ">) who may approve "
            + guard.get().name()
            + " must press it. Nothing was changed; ask one of its approvers.");
  }

  /** Its requester, or an approver of what it changes, may steer a run. */
  private Decision mayControl(Run run, String userId, String verb) {
    RunId id = run.id();
    return guards
        .of(run)
        .map(guard -> authorizer.mayControl(userId, id.value(), run.requester(), guard, verb))
        .orElseGet(
            () ->
                userId.equals(run.requester())
                    ? Decision.allowed()
                    : new Decision.Refused(
                        "only the requester of "
                            + id
                            + " (<@"
                            + run.requester()
                            + ">) may "
                            + verb
                            + " it."));
  }

  public Outcome cancel(RunId id, String userId) {
    Optional<Run> found = engine.run(id);
    if (found.isEmpty()) {
      return new Outcome.Refused(new CancelResult.NotFound(id).userMessage());
    }
    Run run = found.get();
    if (mayControl(run, userId, "cancel") instanceof Decision.Refused refused) {
      return new Outcome.Refused(refused.rule());
    }
    CancelResult result = engine.cancel(id, userId);
    if (!(result instanceof CancelResult.Requested)) {
      return new Outcome.Refused(result.userMessage());
    }
    // Worded from the run as it was when asked: the engine's answer reads the run again, and by
    // then the cancel may already have started the undoing it asked for.
    if (run.status() == RunStatus.QUEUED) {
      return new Outcome.Done("Taking " + id + " out of the queue of " + run.target() + ".");
    }
    return new Outcome.Done(
        run.isRollingBack()
            ? id + " is already rolling back; it will finish that first."
            : "Cancelling " + id + "; anything it changed will be undone.");
  }
}
