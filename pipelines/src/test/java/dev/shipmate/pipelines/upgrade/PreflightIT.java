package dev.shipmate.pipelines.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.StartResult;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("the upgrade's preflight and plan (what --dry-run shows), on the sandbox")
class PreflightIT {

  private UpgradeHarness harness;

  @BeforeAll
  void start(@TempDir Path folder) {
    harness = new UpgradeHarness(folder, 6, UpgradeSettings.defaults());
  }

  @AfterAll
  void stop() {
    harness.close();
  }

  @Test
  @DisplayName(
      "an EKS cluster one minor version up: control plane first, the node group's nodes in order, an estimate")
  void eksPlan() {
    Preflight.Result result = harness.upgrade.dryRun(new UpgradeRequest("prod-eu", "1.32"));

    assertThat(result.problems()).isEmpty();
    UpgradePlan plan = result.plan();
    assertThat(plan.controlPlaneMoves()).isTrue();
    assertThat(plan.groups()).singleElement().satisfies(g -> assertThat(g.nodes()).hasSize(6));
    assertThat(plan.estimateMinutes()).isEqualTo(10 + 6 * 5);
    assertThat(UpgradePlanText.render(result))
        .contains("Upgrade of prod-eu to Kubernetes 1.32:")
        .contains("Control plane: EKS updates it from 1.31 to 1.32 first.")
        .contains("EKS node group general (UpdateNodegroupVersion): 6 nodes, in this order: ip-")
        .contains("Estimate: about 40 minutes.");
  }

  @Test
  @DisplayName("two minor versions at once are refused, saying which to do first")
  void oneMinorAtATime() {
    Preflight.Result result = harness.upgrade.dryRun(new UpgradeRequest("prod-eu", "1.33"));

    assertThat(result.problems())
        .singleElement()
        .asString()
        .contains("one minor version at a time")
        .contains("/upgrade prod-eu 1.32 first");
    assertThat(UpgradePlanText.render(result))
        .contains("cannot start now")
        .endsWith("Nothing was started.");
  }

  @Test
  @DisplayName("a self-managed control plane Shipmate does not run must be upgraded first")
  void unmanagedControlPlane() {
    Preflight.Result result = harness.upgrade.dryRun(new UpgradeRequest("dev", "1.32"));

    assertThat(result.problems())
        .singleElement()
        .asString()
        .contains("Shipmate does not manage it (no asg.controlPlane)");
  }

  @Test
  @DisplayName(
      "a self-managed plan pins the newest image for the version, and its text says which; an EKS"
          + " plan has none")
  void pinsTheImage() {
    harness.cluster("dev").setKubernetesVersion("1.32.9");

    Preflight.Result dev = harness.upgrade.dryRun(new UpgradeRequest("dev", "1.32"));
    Preflight.Result eks = harness.upgrade.dryRun(new UpgradeRequest("prod-eu", "1.32"));

    assertThat(dev.problems()).isEmpty();
    assertThat(dev.plan().nodeImage()).contains("ami-eks-node-1.32");
    assertThat(UpgradePlanText.render(dev)).contains("• New nodes start image ami-eks-node-1.32.");
    assertThat(eks.plan().nodeImage()).isEmpty();
  }

  @Test
  @DisplayName(
      "a NotReady node and a budget allowing no disruption are named; the run then fails at preflight and changes nothing")
  void notReadyNodeAndBlockingBudget() {
    String node = harness.nodes("prod-eu").get(2).getMetadata().getName();
    harness.cluster("prod-eu").setNodeReady(node, false);
    harness.cluster("prod-eu").addDisruptionBudget("prod", "web", 2);
    harness.world.settle();
    try {
      Preflight.Result result = harness.upgrade.dryRun(new UpgradeRequest("prod-eu", "1.32"));

      assertThat(result.problems()).anyMatch(p -> p.contains("not every node is Ready: " + node));
      assertThat(result.plan().warnings())
          .singleElement()
          .asString()
          .contains(
              "PodDisruptionBudget prod/web (needs 2 healthy pods, has 2) allows no disruption now");

      Run run = harness.upgrade("prod-eu", "1.32");
      Run failed = harness.runToEnd(run.id(), Duration.ofSeconds(5), Duration.ofMinutes(1));
      assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
      assertThat(failed.message().orElseThrow())
          .contains("cannot start")
          .contains(node)
          .contains("Nothing was changed.");
      assertThat(harness.world.aws().eks().updates()).isEmpty();
    } finally {
      harness.cluster("prod-eu").setNodeReady(node, true);
      harness
          .cluster("prod-eu")
          .client()
          .policy()
          .v1()
          .podDisruptionBudget()
          .inNamespace("prod")
          .withName("web")
          .delete();
      harness.world.settle();
    }
  }

  @Test
  @DisplayName("an unknown cluster or a version that is none starts nothing")
  void badNames() {
    assertThat(harness.upgrade.problems(new UpgradeRequest("prod-us", "1.32")))
        .singleElement()
        .asString()
        .contains("no cluster named 'prod-us' (known: prod-eu, dev)");
    assertThat(harness.request("dev", "latest"))
        .isInstanceOfSatisfying(
            StartResult.Invalid.class,
            invalid ->
                assertThat(invalid.problems())
                    .anySatisfy(
                        problem ->
                            assertThat(problem).contains("'latest' is not a Kubernetes version")));
    assertThat(harness.engine.active()).isEmpty();
  }
}
