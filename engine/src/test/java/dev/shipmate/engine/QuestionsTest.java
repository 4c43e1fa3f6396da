package dev.shipmate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.Decision;
import dev.shipmate.engine.run.Question;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.store.Database;
import dev.shipmate.engine.store.JournalEntry;
import dev.shipmate.engine.support.DeployParams;
import dev.shipmate.engine.support.EngineHarness;
import dev.shipmate.engine.support.TestDatabases;
import dev.shipmate.engine.support.TestPipeline;
import dev.shipmate.engine.support.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A step that asks a person: the run pauses with the question, an answer resumes it, and the step
 * sees the answer once. On a real H2 journal, with time and wake-ups moved by hand.
 */
@DisplayName("questions a step asks")
class QuestionsTest {

  static final Question STUCK =
      new Question(
          "The drain of node-1 is stuck: prod/web-1 is held by its budget.",
          List.of(
              Question.Choice.of("wait", "Wait longer"),
              Question.Choice.destructive("force", "Evict anyway")));

  static Database database;

  final World world = new World();

  /** What the step saw as the answer, check after check. */
  final List<Optional<String>> seen = new ArrayList<>();

  EngineHarness h;

  @BeforeAll
  static void openDatabase() {
    database = TestDatabases.open(TestDatabases.h2InMemory());
  }

  @AfterAll
  static void closeDatabase() {
    database.close();
  }

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  /** Asks on its first check; done once it saw "force"; asks again after "wait". */
  private TestPipeline asking() {
    return TestPipeline.deploy(
        Step.<DeployParams>define(
                "drain",
                ctx -> {
                  world.call("drain");
                  Optional<String> answer = ctx.decision().map(Decision::choice);
                  seen.add(answer);
                  if (answer.equals(Optional.of("force"))) {
                    world.record("forced by " + ctx.decision().get().by());
                    return StepResult.done();
                  }
                  if (answer.equals(Optional.of("wait"))) {
                    return StepResult.running(Duration.ofMinutes(1), "waiting longer");
                  }
                  return StepResult.ask(STUCK);
                })
            .withCancelHook(ctx -> world.record("uncordoned")));
  }

  private Run startAsking(TestPipeline pipeline) {
    h = new EngineHarness(database, pipeline);
    Run run = h.start(StartRequest.of("deploy", DeployParams.web("v1.2"), "U1"));
    h.wakeUps.fireDue();
    return h.run(run.id());
  }

  @Test
  @DisplayName("the run pauses with the question, and wake-ups do not check the step again")
  void pausesWithTheQuestion() {
    Run run = startAsking(asking().asPausable());

    assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(run.isPaused()).isTrue();
    assertThat(run.question()).contains(STUCK);
    assertThat(h.eventTypes(run.id())).contains("QuestionAsked");
    assertThat(h.engine.journal(run.id()))
        .extracting(JournalEntry::message)
        .contains(
            run.id()
                + " paused at drain: The drain of node-1 is stuck: prod/web-1 is held by its"
                + " budget. Choose Wait longer or Evict anyway on its card, or cancel it.");

    h.wakeUps.advance(Duration.ofHours(1));
    h.engine.wake(run.id());
    h.wakeUps.fireDue();
    assertThat(world.calls("drain")).isEqualTo(1);
  }

  @Test
  @DisplayName("an answer resumes the run; the step sees it on its next check only, and acts on it")
  void answerReachesTheStepOnce() {
    Run run = startAsking(asking().asPausable());

    DecideResult result = h.engine.decide(run.id(), "wait", "U2");
    h.wakeUps.fireDue();

    assertThat(result).isInstanceOf(DecideResult.Decided.class);
    assertThat(result.userMessage()).contains("Wait longer");
    assertThat(seen).containsExactly(Optional.empty(), Optional.of("wait"));
    assertThat(h.run(run.id()).isPaused()).isFalse();
    assertThat(h.run(run.id()).decision()).isEmpty();

    // The next check has no answer: the step asks again, and this time the answer is "force".
    h.wakeUps.advance(Duration.ofMinutes(1));
    h.wakeUps.fireDue();
    assertThat(h.run(run.id()).question()).contains(STUCK);
    h.engine.decide(run.id(), "force", "U3");
    h.wakeUps.fireDue();

    assertThat(seen)
        .containsExactly(
            Optional.empty(), Optional.of("wait"), Optional.empty(), Optional.of("force"));
    assertThat(world.effects()).contains("forced by U3");
    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(h.engine.audit(run.id()))
        .extracting(AuditEntry::action, AuditEntry::actor)
        .contains(
            tuple(AuditAction.PAUSED, AuditEntry.ENGINE),
            tuple(AuditAction.DECIDED, "U2"),
            tuple(AuditAction.DECIDED, "U3"));
    assertThat(h.engine.journal(run.id()))
        .extracting(JournalEntry::message)
        .contains(run.id() + ": U2 chose Wait longer", run.id() + ": U3 chose Evict anyway");
  }

  @Test
  @DisplayName("a second answer to the same question, or one it does not offer, changes nothing")
  void oneAnswerCounts() {
    Run run = startAsking(asking().asPausable());

    assertThat(h.engine.decide(run.id(), "skip", "U2"))
        .isInstanceOf(DecideResult.NotAChoice.class)
        .extracting(DecideResult::userMessage)
        .asString()
        .contains("choose Wait longer or Evict anyway");
    assertThat(h.engine.decide(run.id(), "force", "U2")).isInstanceOf(DecideResult.Decided.class);
    assertThat(h.engine.decide(run.id(), "wait", "U3")).isInstanceOf(DecideResult.NotAsking.class);
    h.wakeUps.fireDue();

    assertThat(seen).containsExactly(Optional.empty(), Optional.of("force"));
    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(h.engine.decide(run.id(), "wait", "U3"))
        .isInstanceOf(DecideResult.AlreadyFinished.class);
  }

  @Test
  @DisplayName("Resume does not answer: the run keeps waiting for one of the choices")
  void resumeIsNotAnAnswer() {
    Run run = startAsking(asking().asPausable());

    PauseResult resumed = h.engine.resume(run.id(), "U2");

    assertThat(resumed).isInstanceOf(PauseResult.AwaitsAnswer.class);
    assertThat(resumed.userMessage()).contains("Choose Wait longer or Evict anyway");
    assertThat(h.run(run.id()).question()).contains(STUCK);
  }

  @Test
  @DisplayName("a cancel ends an asking run: its step's cancel hook runs, the answer is not needed")
  void cancelWinsOverTheQuestion() {
    Run run = startAsking(asking().asPausable());

    h.engine.cancel(run.id(), "U2");
    h.wakeUps.fireDue();

    Run done = h.run(run.id());
    assertThat(done.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(world.effects()).contains("uncordoned");
    assertThat(h.engine.decide(run.id(), "wait", "U3"))
        .isInstanceOf(DecideResult.AlreadyFinished.class);
  }

  @Test
  @DisplayName("the question and the answer survive a restart")
  void survivesRestart() {
    Run run = startAsking(asking().asPausable());

    h.restart();
    h.wakeUps.fireDue();
    assertThat(h.run(run.id()).question()).contains(STUCK);
    assertThat(world.calls("drain")).isEqualTo(1);

    h.engine.decide(run.id(), "force", "U2");
    h.restart();
    h.wakeUps.fireDue();

    assertThat(seen).containsExactly(Optional.empty(), Optional.of("force"));
    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  @DisplayName("a step of a pipeline that cannot pause fails when it asks, with the question")
  void onlyPausablePipelinesAsk() {
    Run run = startAsking(asking());

    Run failed = h.run(run.id());
    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    assertThat(failed.message().orElseThrow())
        .contains("drain asked a question, but its run cannot pause here")
        .contains("The drain of node-1 is stuck");
  }
}
