package dev.shipmate.pipelines.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.DecideResult;
import dev.shipmate.engine.run.Question;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.sandbox.aws.SimulatedAws;
import dev.shipmate.sandbox.aws.cloudwatch.AlarmState;
import io.fabric8.kubernetes.api.model.Node;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName(
    "/upgrade runs the cluster's checks after each batch of nodes; a failing one pauses and asks")
class UpgradeChecksIT {

  /** The self-managed cluster checks a CloudWatch alarm named after it after each batch. */
  static final String CONFIG =
      UpgradeHarness.CONFIG.replace(
              "dev: { context: dev, provider: asg, asg: { region: eu-west-1, groups: [dev-nodes] } }",
              "dev: { context: dev, provider: asg, asg: { region: eu-west-1, groups: [dev-nodes] },"
                  + " analysis: [node-errors] }")
          + """
          analysis:
            node-errors:
              cloudwatch: { alarm: "{cluster}-node-errors" }
              interval: 30s
              count: 2
          """;

  @TempDir Path folder;

  private UpgradeHarness harness;

  @BeforeEach
  void start() {
    harness = new UpgradeHarness(folder, 3, UpgradeSettings.defaults(), CONFIG);
    harness.cluster("dev").setKubernetesVersion("1.32.9");
    alarm(AlarmState.OK);
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  private void alarm(AlarmState state) {
    harness.world.aws().cloudWatch().setAlarm(SimulatedAws.REGION, "dev-node-errors", state);
  }

  @Test
  @DisplayName("with the alarm OK, the checks pass after every batch and the upgrade succeeds")
  void passing() {
    Run run = harness.upgrade("dev", "1.32");
    Run finished = harness.runToEnd(run.id(), Duration.ofSeconds(5), Duration.ofHours(2));

    assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(harness.progressNotes(run.id()))
        .filteredOn(n -> n.contains("the checks passed"))
        .containsExactly(
            "node 1/3: the checks passed: node-errors alarm OK · 2/2 passed",
            "node 2/3: the checks passed: node-errors alarm OK · 2/2 passed",
            "node 3/3: the checks passed: node-errors alarm OK · 2/2 passed");
    assertThat(harness.world.aws().cloudWatch().asked()).contains("dev-node-errors");
  }

  @Test
  @DisplayName(
      "an alarm in ALARM after the canary pauses the upgrade before the next node and asks; Check"
          + " again measures again, Go on carries on")
  void failingCheckPauses() {
    alarm(AlarmState.ALARM);
    Run run = harness.upgrade("dev", "1.32");

    harness.advanceUntil(
        "a question", () -> harness.run(run.id()).question().isPresent(), Duration.ofHours(1));
    Question question = harness.run(run.id()).question().orElseThrow();
    assertThat(question.text())
        .startsWith("node 1/3: check node-errors failed: alarm ALARM (Threshold Crossed")
        .contains("CloudWatch alarm: dev-node-errors")
        .contains("The upgrade is paused before the next nodes");
    assertThat(question.choices())
        .extracting(Question.Choice::label)
        .containsExactly("Go on", "Check again");
    assertThat(harness.run(run.id()).isPaused()).isTrue();
    assertThat(atTarget()).as("only the canary was replaced").isEqualTo(1);

    // Paused, nothing moves however long nobody answers.
    harness.advance(Duration.ofMinutes(30));
    assertThat(atTarget()).isEqualTo(1);
    assertThat(cordoned()).isZero();

    // Still in ALARM: Check again asks again.
    assertThat(harness.engine.decide(run.id(), BatchChecks.AGAIN, "U2"))
        .isInstanceOf(DecideResult.Decided.class);
    harness.advanceUntil(
        "the question again",
        () -> harness.run(run.id()).question().isPresent(),
        Duration.ofMinutes(10));
    assertThat(atTarget()).isEqualTo(1);

    // Go on: the next node is upgraded although the check failed; the alarm is fine by then.
    alarm(AlarmState.OK);
    assertThat(harness.engine.decide(run.id(), BatchChecks.GO_ON, "U2"))
        .isInstanceOf(DecideResult.Decided.class);
    Run finished = harness.runToEnd(run.id(), Duration.ofSeconds(5), Duration.ofHours(2));

    assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(atTarget()).isEqualTo(3);
    assertThat(harness.progressNotes(run.id()))
        .contains("node 1/3: U2 chose to go on despite the failed check");
  }

  @Test
  @DisplayName("Abort while the run asks stops the upgrade there: replaced nodes stay replaced")
  void abort() {
    alarm(AlarmState.ALARM);
    Run run = harness.upgrade("dev", "1.32");
    harness.advanceUntil(
        "a question", () -> harness.run(run.id()).question().isPresent(), Duration.ofHours(1));

    harness.engine.cancel(run.id(), "U2");
    Run finished = harness.runToEnd(run.id(), Duration.ofSeconds(5), Duration.ofMinutes(10));

    assertThat(finished.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(atTarget()).isEqualTo(1);
  }

  private long atTarget() {
    return harness.nodes("dev").stream()
        .filter(n -> n.getStatus().getNodeInfo().getKubeletVersion().startsWith("v1.32."))
        .count();
  }

  private long cordoned() {
    return harness.nodes("dev").stream()
        .map(Node::getSpec)
        .filter(spec -> Boolean.TRUE.equals(spec.getUnschedulable()))
        .count();
  }
}
