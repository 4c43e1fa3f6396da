package dev.shipmate.bot.presenter;

import static dev.shipmate.bot.presenter.RunActionKind.ABORT;
import static dev.shipmate.bot.presenter.RunActionKind.APPROVE;
import static dev.shipmate.bot.presenter.RunActionKind.CANCEL;
import static dev.shipmate.bot.presenter.RunActionKind.PAUSE;
import static dev.shipmate.bot.presenter.RunActionKind.RESUME;
import static dev.shipmate.bot.presenter.RunActionKind.ROLL_BACK;

import dev.shipmate.engine.run.Question;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

/** Run cards in the states a channel sees most, at fixed times. */
public final class RunCardFixtures {

  /** "Now" for every fixture. */
  public static final Instant NOW = Instant.parse("2026-11-10T12:05:00Z");

  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private RunCardFixtures() {}

  public static RunCard.Builder deploy() {
    return RunCard.builder("d-4k2p", "deploy", "Deploy web v1.2 → prod", "U01SRE1")
        .startedAt(Instant.parse("2026-11-10T12:02:53Z"));
  }

  public static RunCard runningDeploy() {
    return deploy()
        .state(RunState.RUNNING)
        .step("Check image", StepStatus.DONE, "registry.example.com/acme/web:v1.2 exists")
        .step("Take the deploy lock", StepStatus.DONE)
        .step("Roll out web", StepStatus.RUNNING, "6/10 updated, 4 available")
        .step("Bake", StepStatus.PENDING)
        .progress("6/10 updated, 4 available")
        .confirmedAction(CANCEL)
        .build();
  }

  public static RunCard awaitingApproval() {
    return deploy()
        .state(RunState.AWAITING_APPROVAL)
        .step("Approval", StepStatus.WAITING, "1 of 2")
        .step("Roll out web", StepStatus.PENDING)
        .approvals(2, List.of("U01SRE2"))
        .action(APPROVE)
        .action(CANCEL)
        .build();
  }

  public static RunCard rolledBack() {
    return deploy()
        .state(RunState.ROLLED_BACK)
        .step("Check image", StepStatus.DONE)
        .step("Roll out web", StepStatus.FAILED, "3 pods in CrashLoopBackOff")
        .step("Roll back web to v1.1", StepStatus.DONE, "10/10 on v1.1")
        .step("Bake", StepStatus.SKIPPED)
        .progress("rolling back")
        .finishedAt(Instant.parse("2026-11-10T12:04:41Z"))
        .confirmedAction(ROLL_BACK)
        .build();
  }

  public static RunCard cancelled() {
    return deploy()
        .state(RunState.CANCELLED)
        .step("Check image", StepStatus.DONE)
        .step("Roll out web", StepStatus.UNDONE, "back on v1.1")
        .step("Bake", StepStatus.SKIPPED)
        .cancelledBy("U02BE1")
        .finishedAt(Instant.parse("2026-11-10T12:03:30Z"))
        .build();
  }

  /** An upgrade someone paused between two nodes: it offers Resume, and says who paused it. */
  public static RunCard pausedUpgrade() {
    return RunCard.builder("u-7p2q", "upgrade", "Upgrade dev to 1.31", "U01SRE1")
        .startedAt(Instant.parse("2026-11-10T11:50:00Z"))
        .state(RunState.RUNNING)
        .step("Upgrade the control plane", StepStatus.DONE, "1.30 → 1.31")
        .step("Replace node ip-10-0-0-1", StepStatus.DONE)
        .step("Replace node ip-10-0-0-2", StepStatus.WAITING, "waiting for 3 pods to be ready")
        .progress("Paused at Replace node ip-10-0-0-2")
        .pausedBy("U01SRE2")
        .action(RESUME)
        .action(CANCEL)
        .build();
  }

  /** An upgrade a freeze holds between two nodes: it goes on by itself when the freeze ends. */
  public static RunCard heldUpgrade() {
    return RunCard.builder("u-7p2q", "upgrade", "Upgrade prod-eu to Kubernetes 1.32", "U01SRE1")
        .startedAt(Instant.parse("2026-12-11T14:20:00Z"))
        .state(RunState.RUNNING)
        .step("preflight", StepStatus.DONE)
        .step("control-plane", StepStatus.DONE)
        .step("wait-control-plane", StepStatus.DONE)
        .step("nodes", StepStatus.WAITING, "node 2/6 replaced; node 3/6 waits")
        .progress(
            "Paused at nodes while the freeze weekend is in force (No production changes at the"
                + " weekend): it goes on by itself at 2026-12-14 07:00 UTC, or now with Resume")
        .heldBy("the freeze weekend")
        .action(RESUME)
        .action(CANCEL)
        .build();
  }

  /** The same upgrade, paused by its drain step to ask what to do about a stuck drain. */
  public static RunCard askingUpgrade() {
    return RunCard.builder("u-7p2q", "upgrade", "Upgrade dev to 1.32", "U01SRE1")
        .startedAt(Instant.parse("2026-11-10T11:50:00Z"))
        .state(RunState.RUNNING)
        .step("preflight", StepStatus.DONE)
        .step(
            "nodes",
            StepStatus.WAITING,
            "waiting for an answer: Wait longer, Evict anyway or Skip node")
        .progress(
            "Paused at nodes until someone answers: Wait longer, Evict anyway or Skip node, or Abort")
        .question(STUCK)
        .action(RunAction.choose(Question.Choice.of("wait", "Wait longer")))
        .action(RunAction.choose(Question.Choice.destructive("evict", "Evict anyway")))
        .action(RunAction.choose(Question.Choice.of("skip", "Skip node")))
        .action(ABORT)
        .build();
  }

  public static final String STUCK =
      "node 2/6: the drain of ip-10-0-1-12 is stuck after 15 minutes: staging/web-7f9c is held by"
          + " PodDisruptionBudget staging/web (needs 2 healthy pods, has 2). Wait longer gives it"
          + " another 15 minutes; Evict anyway deletes the pods their budgets keep; Skip node puts"
          + " ip-10-0-1-12 back in service at 1.31 and goes on with the next node.";

  /** A cluster upgrade with the control plane and 59 nodes: 30 replaced, one going, 28 to go. */
  public static RunCard sixtyStepUpgrade() {
    RunCard.Builder card =
        RunCard.builder("u-9x3m", "upgrade", "Upgrade prod-eu to 1.31", "U01SRE1")
            .startedAt(Instant.parse("2026-11-10T10:40:00Z"))
            .state(RunState.RUNNING)
            .step("Upgrade the control plane", StepStatus.DONE, "1.30 → 1.31");
    IntStream.rangeClosed(1, 59)
        .forEach(
            n -> {
              StepStatus status =
                  n <= 30 ? StepStatus.DONE : n == 31 ? StepStatus.RUNNING : StepStatus.PENDING;
              String detail = n == 31 ? "draining: 4 of 11 pods evicted" : "";
              card.step("Replace node ip-10-0-%d-%d".formatted(n / 16, n), status, detail);
            });
    return card.progress("node 31 of 59: draining")
        .confirmedAction(PAUSE)
        .confirmedAction(CANCEL)
        .build();
  }
}
