package dev.shipmate.pipelines.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.run.Question;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.run.StepStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("/upgrade of an EKS cluster with a managed node group, on the sandbox")
class EksUpgradeIT {

  @TempDir Path folder;

  private UpgradeHarness harness;

  @BeforeEach
  void start() {
    harness = new UpgradeHarness(folder, 3, UpgradeSettings.defaults());
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  @DisplayName(
      "the control plane goes to 1.32, then EKS replaces every node of the group; web keeps running")
  void upgradesControlPlaneThenNodegroup() {
    Run run = harness.upgrade("prod-eu", "1.32");

    Run done = harness.runToEnd(run.id(), Duration.ofSeconds(30), Duration.ofHours(2));

    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(harness.world.aws().eks().describeCluster("prod-eu").version()).isEqualTo("1.32");
    assertThat(harness.world.aws().eks().nodegroup("prod-eu", "general").version())
        .isEqualTo("1.32");
    assertThat(harness.nodes("prod-eu"))
        .hasSize(3)
        .allSatisfy(
            n -> assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.32."));
    assertThat(harness.progressNotes(run.id()))
        .contains("control plane: EKS is updating prod-eu to 1.32 (about 10 minutes)")
        .anyMatch(
            n ->
                n.matches(
                    "node group general: [0-3] of [34] nodes at 1.32 \\(EKS replaces them one by one\\)"));
    assertThat(
            harness.pods("prod-eu", "prod").stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .count())
        .isEqualTo(2);
  }

  @Test
  @DisplayName(
      "when EKS gives up on a budget that allows no disruption, the run asks; Try again meets the"
          + " same budget, Force update has EKS delete the pod and finish")
  void eksGivesUpThenForced() {
    harness.cluster("prod-eu").addDisruptionBudget("prod", "web", 2);
    harness.world.settle();
    Run run = harness.upgrade("prod-eu", "1.32");

    Question question = awaitQuestion(run);
    assertThat(question.text())
        .startsWith("node group general: EKS's update to 1.32 ended without reaching it")
        .contains("PodDisruptionBudget prod/web")
        .contains("aws eks list-updates --name prod-eu --nodegroup-name general");
    assertThat(question.choices())
        .extracting(Question.Choice::label)
        .containsExactly("Try again", "Force update");

    harness.engine.decide(run.id(), ManagedNodegroupRoll.RETRY, "U2");
    assertThat(awaitQuestion(run)).as("the same budget stops EKS again").isEqualTo(question);

    harness.engine.decide(run.id(), ManagedNodegroupRoll.FORCE, "U2");
    Run done = harness.runToEnd(run.id(), Duration.ofSeconds(30), Duration.ofHours(2));

    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(harness.nodes("prod-eu"))
        .allSatisfy(
            n -> assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.32."));
    assertThat(harness.world.aws().eks().updates())
        .as("control plane, the update EKS gave up, the retry, the forced one")
        .hasSize(4);
  }

  private Question awaitQuestion(Run run) {
    harness.advanceUntil(
        "a question", () -> harness.run(run.id()).question().isPresent(), Duration.ofHours(2));
    return harness.run(run.id()).question().orElseThrow();
  }

  @Test
  @DisplayName("a cluster already at the version has nothing to do, and says so")
  void nothingToDo() {
    Run run = harness.upgrade("prod-eu", "1.31");

    Run done = harness.runToEnd(run.id(), Duration.ofSeconds(5), Duration.ofMinutes(1));

    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(harness.step(run.id(), "nodes").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(harness.step(run.id(), "control-plane").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(harness.world.aws().eks().updates()).isEmpty();
  }
}
