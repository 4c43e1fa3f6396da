package dev.shipmate.bot.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.presenter.RunAction;
import dev.shipmate.bot.presenter.RunActionKind;
import dev.shipmate.bot.presenter.RunCard;
import dev.shipmate.bot.presenter.RunState;
import dev.shipmate.bot.presenter.StepLine;
import dev.shipmate.bot.presenter.StepStatus;
import dev.shipmate.bot.presenter.ThreadNote;
import dev.shipmate.bot.slice.Slices;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.bot.testing.ScriptedDeployPipeline;
import dev.shipmate.bot.wiring.Registration;
import dev.shipmate.config.ConfigLoader;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.run.CancelRequest;
import dev.shipmate.engine.run.Failure;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.engine.run.FreezeHold;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.PauseRequest;
import dev.shipmate.engine.run.Phase;
import dev.shipmate.engine.run.Question;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.run.StepRun;
import dev.shipmate.pipelines.deploy.DeployPlan;
import dev.shipmate.pipelines.deploy.DeploymentChange;
import dev.shipmate.pipelines.kubernetes.DeploymentRef;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCardProjectorTest {

  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  static final RunId ID = new RunId("d-4k2p");

  final RunCardProjector projector =
      new RunCardProjector(
          PipelineRegistry.of(new ScriptedDeployPipeline()),
          Slices.of(Registration.slices(), ExampleConfig.load()));

  static Run deploy(String environment, int approvals, dev.shipmate.engine.run.RunState state) {
    return new Run(
        ID,
        "deploy",
        "deploy web v1.2 to " + environment,
        "{\"service\":\"web\",\"version\":\"v1.2\",\"environment\":\"" + environment + "\"}",
        "U01SRE1",
        Optional.of(ReplyAddress.channel("C0PROD")),
        LockKey.of("deploy", environment + "/web"),
        approvals,
        Optional.empty(),
        T0,
        Optional.empty(),
        state,
        1);
  }

  static dev.shipmate.engine.run.RunState initial(RunStatus status) {
    return dev.shipmate.engine.run.RunState.initial(status, T0);
  }

  @Test
  @DisplayName(
      "a prod run awaiting approval shows its steps pending, its approvals, and Approve and Cancel"
          + " behind a confirmation")
  void awaitingApproval() {
    Run run = deploy("prod", 1, initial(RunStatus.AWAITING_APPROVAL));

    RunCard card = projector.card(run, List.of(), List.of());

    assertThat(card.title()).isEqualTo("Deploy web v1.2 to prod");
    assertThat(card.state()).isEqualTo(RunState.AWAITING_APPROVAL);
    assertThat(card.steps())
        .containsExactly(
            StepLine.of("set-image", StepStatus.PENDING),
            StepLine.of("wait-rollout", StepStatus.PENDING));
    assertThat(card.approvals().required()).isEqualTo(1);
    assertThat(card.actions())
        .containsExactly(
            RunAction.confirmed(RunActionKind.APPROVE), RunAction.confirmed(RunActionKind.CANCEL));
  }

  @Test
  @DisplayName(
      "a staging run waiting on a step shows it WAITING with its note, and Cancel unconfirmed")
  void waitingStep() {
    Run run =
        deploy(
            "staging",
            0,
            initial(RunStatus.RUNNING).at(Phase.FORWARD, 1, Optional.of("wait-rollout"), T0));
    StepRun setImage =
        StepRun.started(ID, Phase.FORWARD, 0, "set-image", T0)
            .ended(dev.shipmate.engine.run.StepStatus.SUCCEEDED, Optional.empty(), T0);
    StepRun waitRollout =
        StepRun.started(ID, Phase.FORWARD, 1, "wait-rollout", T0)
            .checkingAgain("2 of 3 pods ready", T0.plusSeconds(10), T0);

    RunCard card = projector.card(run, List.of(setImage, waitRollout), List.of());

    assertThat(card.steps())
        .containsExactly(
            StepLine.of("set-image", StepStatus.DONE),
            new StepLine("wait-rollout", StepStatus.WAITING, "2 of 3 pods ready"));
    assertThat(card.progress()).isEqualTo("2 of 3 pods ready");
    assertThat(card.actions()).containsExactly(RunAction.of(RunActionKind.CANCEL));
  }

  @Test
  @DisplayName("a rolled-back run shows the undone step, no buttons, and who cancelled it")
  void rolledBack() {
    Failure cause =
        Failure.of(FailureKind.PERMANENT, "3 pods in CrashLoopBackOff").at("wait-rollout");
    dev.shipmate.engine.run.RunState state =
        initial(RunStatus.RUNNING)
            .started(T0)
            .withFailure(cause, T0)
            .finished(RunStatus.ROLLED_BACK, "d-4k2p failed", T0.plusSeconds(75));
    Run run = deploy("staging", 0, state);
    StepRun setImage =
        StepRun.started(ID, Phase.FORWARD, 0, "set-image", T0)
            .ended(dev.shipmate.engine.run.StepStatus.SUCCEEDED, Optional.empty(), T0);
    StepRun waitRollout =
        StepRun.started(ID, Phase.FORWARD, 1, "wait-rollout", T0)
            .ended(dev.shipmate.engine.run.StepStatus.FAILED, Optional.of(cause), T0);
    StepRun restore =
        StepRun.started(ID, Phase.COMPENSATING, 0, "restore-image", T0)
            .ended(dev.shipmate.engine.run.StepStatus.SUCCEEDED, Optional.empty(), T0);

    RunCard card = projector.card(run, List.of(setImage, waitRollout, restore), List.of());

    assertThat(card.state()).isEqualTo(RunState.ROLLED_BACK);
    assertThat(card.steps())
        .containsExactly(
            StepLine.of("set-image", StepStatus.UNDONE),
            new StepLine("wait-rollout", StepStatus.FAILED, "3 pods in CrashLoopBackOff"));
    assertThat(card.actions()).isEmpty();
    assertThat(card.finishedAt()).contains(T0.plusSeconds(75));
  }

  @Test
  @DisplayName(
      "a finished deploy whose plan named the replaced version offers Roll back, confirmed in"
          + " prod")
  void finishedDeployOffersRollBack() {
    DeploymentChange change =
        new DeploymentChange(
            new DeploymentRef("prod", "web"),
            "web",
            "registry.example.com/acme/web:v1.1",
            "registry.example.com/acme/web:v1.2",
            3,
            "RollingUpdate",
            4,
            new PodTemplateSpec(),
            "17");
    dev.shipmate.engine.run.RunState state =
        initial(RunStatus.RUNNING)
            .started(T0)
            .withOutput("plan", new DeployPlan("web", "prod", "v1.2", List.of(change)), T0)
            .finished(RunStatus.SUCCEEDED, "d-4k2p succeeded", T0.plusSeconds(75));

    RunCard card = projector.card(deploy("prod", 0, state), List.of(), List.of());

    assertThat(card.actions()).containsExactly(RunAction.confirmed(RunActionKind.ROLL_BACK));
  }

  @Test
  @DisplayName(
      "a pausable running run offers Pause; paused, it offers Resume and says who paused it")
  void pauseAndResumeButtons() {
    RunCardProjector pausable =
        new RunCardProjector(
            PipelineRegistry.of(new ScriptedDeployPipeline(true)),
            Slices.of(Registration.slices(), ExampleConfig.load()));
    Run running =
        deploy(
            "staging",
            0,
            initial(RunStatus.RUNNING).at(Phase.FORWARD, 1, Optional.of("wait-rollout"), T0));

    RunCard before = pausable.card(running, List.of(), List.of());
    RunCard paused =
        pausable.card(
            running.withPause(Optional.of(new PauseRequest("U01SRE2", T0))), List.of(), List.of());

    assertThat(before.actions())
        .containsExactly(RunAction.of(RunActionKind.PAUSE), RunAction.of(RunActionKind.CANCEL));
    assertThat(before.pausedBy()).isEmpty();
    assertThat(paused.actions())
        .containsExactly(RunAction.of(RunActionKind.RESUME), RunAction.of(RunActionKind.CANCEL));
    assertThat(paused.pausedBy()).contains("U01SRE2");
    assertThat(paused.progress()).isEqualTo("Paused at wait-rollout");
    assertThat(projector.card(running, List.of(), List.of()).actions())
        .containsExactly(RunAction.of(RunActionKind.CANCEL));
  }

  @Test
  @DisplayName(
      "a run whose step asks shows the question and its answers (the one that overrides a"
          + " safeguard confirmed) instead of Resume; its thread gets the question with the same"
          + " buttons and Cancel, then who answered")
  void question() {
    RunCardProjector pausable =
        new RunCardProjector(
            PipelineRegistry.of(new ScriptedDeployPipeline(true)),
            Slices.of(Registration.slices(), ExampleConfig.load()));
    Question.Choice wait = Question.Choice.of("wait", "Wait longer");
    Question.Choice force = Question.Choice.destructive("evict", "Evict anyway");
    Question stuck = new Question("The drain of node-1 is stuck.", List.of(wait, force));
    Run asking =
        deploy(
                "staging",
                0,
                initial(RunStatus.RUNNING).at(Phase.FORWARD, 1, Optional.of("wait-rollout"), T0))
            .withPause(Optional.of(new PauseRequest("shipmate", T0, Optional.of(stuck))));

    RunCard card = pausable.card(asking, List.of(), List.of());
    List<ThreadNote> asked =
        pausable.notes(new RunEvent.QuestionAsked(asking, T0, "wait-rollout", stuck));
    List<ThreadNote> answered =
        pausable.notes(
            new RunEvent.DecisionMade(
                asking.withPause(Optional.empty()), T0.plusSeconds(9), "U01SRE2", force));

    assertThat(card.actions())
        .containsExactly(
            RunAction.choose(wait), RunAction.choose(force), RunAction.of(RunActionKind.CANCEL));
    assertThat(card.actions().get(1).confirm()).isTrue();
    assertThat(card.question()).contains("The drain of node-1 is stuck.");
    assertThat(card.pausedBy()).as("the engine is not a person to mention").isEmpty();
    assertThat(card.progress())
        .isEqualTo(
            "Paused at wait-rollout until someone answers: Wait longer or Evict anyway, or Cancel");
    assertThat(asked)
        .singleElement()
        .satisfies(
            note -> {
              assertThat(note.kind()).isEqualTo(ThreadNote.Kind.QUESTION);
              assertThat(note.text())
                  .isEqualTo(
                      "d-4k2p is paused and needs you. The drain of node-1 is stuck. Cancel stops"
                          + " the run.");
              assertThat(note.runId()).isEqualTo("d-4k2p");
              assertThat(note.actions()).isEqualTo(card.actions());
              assertThat(note.mustArrive()).isTrue();
            });
    assertThat(answered)
        .extracting(ThreadNote::text)
        .containsExactly("d-4k2p: U01SRE2 chose Evict anyway; the run goes on.");
  }

  @Test
  @DisplayName(
      "the end of a failed run threads its cause (run, step, what Shipmate did), then the outcome"
          + " in words with its duration")
  void failureNotes() {
    Failure cause =
        Failure.of(FailureKind.PERMANENT, "3 pods in CrashLoopBackOff.").at("wait-rollout");
    dev.shipmate.engine.run.RunState state =
        initial(RunStatus.RUNNING)
            .started(T0.plusSeconds(5))
            .withFailure(cause, T0)
            .finished(RunStatus.FAILED, "d-4k2p failed", T0.plusSeconds(65));
    Run run = deploy("staging", 0, state);

    List<ThreadNote> notes = projector.notes(new RunEvent.RunFinished(run, T0.plusSeconds(65)));

    assertThat(notes)
        .extracting(ThreadNote::text)
        .containsExactly(
            "d-4k2p failed at step wait-rollout: 3 pods in CrashLoopBackOff. Nothing needed"
                + " undoing.",
            "Deploy web v1.2 to staging failed in 1m00s");
    assertThat(notes).allMatch(ThreadNote::mustArrive);
  }

  @Test
  @DisplayName("a cancelled run's card names who cancelled it; its notes say how it ended")
  void cancelled() {
    dev.shipmate.engine.run.RunState state =
        initial(RunStatus.RUNNING)
            .started(T0)
            .finished(RunStatus.CANCELLED, "d-4k2p was cancelled by U02BE1.", T0.plusSeconds(3));
    Run run =
        new Run(
            ID,
            "deploy",
            "deploy web v1.2 to staging",
            "{\"service\":\"web\",\"version\":\"v1.2\",\"environment\":\"staging\"}",
            "U01SRE1",
            Optional.empty(),
            LockKey.of("deploy", "staging/web"),
            0,
            Optional.empty(),
            T0,
            Optional.of(new CancelRequest("U02BE1", T0.plusSeconds(1))),
            state,
            3);

    RunCard card = projector.card(run, List.of(), List.of());
    List<ThreadNote> notes = projector.notes(new RunEvent.RunFinished(run, T0.plusSeconds(3)));

    assertThat(card.cancelledBy()).contains("U02BE1");
    assertThat(notes)
        .extracting(ThreadNote::text)
        .containsExactly(
            "d-4k2p was cancelled by U02BE1.", "Deploy web v1.2 to staging cancelled in 3s");
    assertThat(Duration.between(T0, card.finishedAt().orElseThrow())).hasSeconds(3);
  }

  @Test
  @DisplayName("a step that finished gets a note; a step that started only changes the card")
  void stepNotes() {
    Run run = deploy("staging", 0, initial(RunStatus.RUNNING));

    assertThat(projector.notes(new RunEvent.StepSucceeded(run, T0, "set-image")))
        .extracting(ThreadNote::text)
        .containsExactly("set-image: done");
    assertThat(projector.notes(new RunEvent.StepStarted(run, T0, "wait-rollout"))).isEmpty();
  }

  @Test
  @DisplayName(
      "a run awaiting approval calls on its approvers in the thread (a configured group by its"
          + " members, never the requester); a run needing no approval asks nobody")
  void notifications() {
    RunCardProjector withGroups =
        new RunCardProjector(
            PipelineRegistry.of(new ScriptedDeployPipeline()),
            Slices.of(Registration.slices(), ExampleConfig.load()),
            ExampleConfig.load().groups());

    List<ThreadNote> requested =
        withGroups.notes(
            new RunEvent.RunRequested(deploy("prod", 1, initial(RunStatus.AWAITING_APPROVAL)), T0));
    assertThat(requested)
        .singleElement()
        .satisfies(
            note -> {
              assertThat(note.kind()).isEqualTo(ThreadNote.Kind.APPROVAL_REQUEST);
              assertThat(note.audience().users()).containsExactly("U01SRE2");
              assertThat(note.text()).contains("waits for 1 approval");
            });
    assertThat(
            withGroups.notes(
                new RunEvent.RunRequested(deploy("staging", 0, initial(RunStatus.PENDING)), T0)))
        .isEmpty();
  }

  @Test
  @DisplayName(
      "notify: on a target turns the approvers' and requester's mentions off, and shows outcomes"
          + " (not only failures) in the channel")
  void notifyConfig(@TempDir Path folder) throws Exception {
    String yaml =
        Files.readString(ExampleConfig.FILE)
            .replace(
                "    confirm: true",
                "    confirm: true\n"
                    + "    notify: { approvers: false, requester: false, channel: never }")
            .replace(
                "    namespace: staging\n",
                "    namespace: staging\n    notify: { channel: outcomes }\n");
    Path file = Files.writeString(folder.resolve("shipmate.yaml"), yaml);
    ShipmateConfig config = new ConfigLoader(ExampleConfig.ENV).load(file).orThrow();
    RunCardProjector quiet =
        new RunCardProjector(
            PipelineRegistry.of(new ScriptedDeployPipeline()),
            Slices.of(Registration.slices(), config),
            config.groups());

    // prod: nobody called on for an approval, a failure stays in the thread and calls on no one
    assertThat(
            quiet.notes(
                new RunEvent.RunRequested(
                    deploy("prod", 1, initial(RunStatus.AWAITING_APPROVAL)), T0)))
        .isEmpty();
    Failure cause = Failure.of(FailureKind.PERMANENT, "ImagePullBackOff.").at("wait-rollout");
    Run failed =
        deploy(
            "prod",
            1,
            initial(RunStatus.RUNNING)
                .started(T0)
                .withFailure(cause, T0)
                .finished(RunStatus.FAILED, "d-4k2p failed", T0.plusSeconds(30)));
    assertThat(quiet.notes(new RunEvent.RunFinished(failed, T0.plusSeconds(30))))
        .allSatisfy(
            note -> {
              assertThat(note.audience().mentionsAnyone()).isFalse();
              assertThat(note.audience().broadcast()).isFalse();
            });

    // staging: the success too is shown in the channel, calling on the requester
    Run succeeded =
        deploy(
            "staging",
            0,
            initial(RunStatus.RUNNING)
                .started(T0)
                .finished(RunStatus.SUCCEEDED, "d-4k2p succeeded", T0.plusSeconds(30)));
    assertThat(quiet.notes(new RunEvent.RunFinished(succeeded, T0.plusSeconds(30))))
        .singleElement()
        .satisfies(
            note -> {
              assertThat(note.audience().broadcast()).isTrue();
              assertThat(note.audience().users()).containsExactly("U01SRE1");
            });
  }

  @Test
  @DisplayName(
      "a run a freeze holds: paused by the freeze, until when, Resume and Cancel even where runs"
          + " do not pause; its thread is told, with the requester called")
  void heldByFreeze() {
    FreezeHold hold =
        new FreezeHold(
            List.of("weekend"),
            "No production changes at the weekend",
            Instant.parse("2026-11-23T07:00:00Z"));
    Run held =
        deploy(
                "staging",
                0,
                initial(RunStatus.RUNNING).at(Phase.FORWARD, 1, Optional.of("wait-rollout"), T0))
            .withPause(Optional.of(PauseRequest.held("shipmate", T0, hold)));

    RunCard card = projector.card(held, List.of(), List.of());

    assertThat(card.heldBy()).contains("the freeze weekend");
    assertThat(card.pausedBy()).isEmpty();
    assertThat(card.progress())
        .isEqualTo(
            "Paused at wait-rollout while the freeze weekend is in force (No production changes at"
                + " the weekend): it goes on by itself at 2026-11-23 07:00 UTC, or now with"
                + " Resume");
    assertThat(card.actions())
        .containsExactly(RunAction.of(RunActionKind.RESUME), RunAction.of(RunActionKind.CANCEL));
    assertThat(projector.notes(new RunEvent.RunHeld(held, T0, "wait-rollout", hold, "rolling")))
        .singleElement()
        .satisfies(
            note -> {
              assertThat(note.text())
                  .isEqualTo(
                      "d-4k2p paused at wait-rollout (rolling): the freeze weekend is in force"
                          + " until 2026-11-23 07:00 UTC: No production changes at the weekend. It"
                          + " goes on by itself then. Resume on the card lets it go on now.");
              assertThat(note.audience().users()).containsExactly("U01SRE1");
            });
  }

  @Test
  @DisplayName("a stuck run's note names the step and how long, and calls its requester")
  void stuck() {
    Run run =
        deploy(
            "staging",
            0,
            initial(RunStatus.RUNNING).at(Phase.FORWARD, 1, Optional.of("wait-rollout"), T0));

    List<ThreadNote> notes =
        projector.notes(
            new RunEvent.RunStuck(
                run, T0.plus(Duration.ofMinutes(75)), "wait-rollout", T0, Duration.ofHours(1)));

    assertThat(notes)
        .singleElement()
        .satisfies(
            note -> {
              assertThat(note.text())
                  .isEqualTo(
                      "d-4k2p looks stuck: wait-rollout has shown no progress for 1h15m (the"
                          + " watchdog flags a step after 1h). Look at deploy:staging/web, then"
                          + " let it be or Cancel it.");
              assertThat(note.audience().users()).containsExactly("U01SRE1");
              assertThat(note.mustArrive()).isTrue();
            });
  }
}
