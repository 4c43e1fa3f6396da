package dev.shipmate.pipelines.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.pipelines.upgrade.UpgradePlan.GroupKind;
import dev.shipmate.pipelines.upgrade.UpgradePlan.PlannedGroup;
import dev.shipmate.pipelines.upgrade.UpgradePlan.PlannedNode;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the plan in words (what --dry-run answers)")
class UpgradePlanTextTest {

  @Test
  @DisplayName("a self-managed group lists its nodes in order, then the estimate")
  void selfManaged() {
    UpgradePlan plan =
        new UpgradePlan(
            "dev",
            "asg",
            "1.32",
            "1.32",
            false,
            List.of(
                new PlannedGroup(
                    "dev-nodes",
                    GroupKind.AUTO_SCALING,
                    List.of(
                        new PlannedNode("ip-a", "v1.31.4"), new PlannedNode("ip-b", "v1.31.4")))),
            List.of(
                "PodDisruptionBudget staging/web (needs 2 healthy pods, has 2) allows no disruption now"),
            10);

    assertThat(UpgradePlanText.render(new Preflight.Result(plan, List.of())))
        .isEqualTo(
            """
            Upgrade of dev to Kubernetes 1.32:
            • Control plane: already at 1.32.
            • Auto Scaling group dev-nodes, node by node (cordon, drain, replace, validate; the first alone as a canary): 2 nodes, in this order: ip-a (v1.31.4), ip-b (v1.31.4).
            ⚠ PodDisruptionBudget staging/web (needs 2 healthy pods, has 2) allows no disruption now
            Estimate: about 10 minutes.""");
  }

  @Test
  @DisplayName("a long group names twelve nodes and counts the rest")
  void longGroup() {
    List<PlannedNode> nodes =
        IntStream.range(0, 100).mapToObj(i -> new PlannedNode("n" + i, "v1.31.4")).toList();
    UpgradePlan plan =
        new UpgradePlan(
            "prod-eu",
            "eks",
            "1.31",
            "1.32",
            true,
            List.of(new PlannedGroup("general", GroupKind.EKS_MANAGED, nodes)),
            List.of(),
            510);

    assertThat(UpgradePlanText.render(new Preflight.Result(plan, List.of())))
        .contains("EKS updates it from 1.31 to 1.32 first.")
        .contains("n11 (v1.31.4) and 88 more.")
        .doesNotContain("n12 ");
  }

  @Test
  @DisplayName("problems come first, and the answer says nothing was started")
  void problems() {
    UpgradePlan plan = new UpgradePlan("dev", "asg", "1.31", "1.32", true, List.of(), List.of(), 0);

    assertThat(UpgradePlanText.render(new Preflight.Result(plan, List.of("node x is not Ready."))))
        .startsWith(
            "Upgrade of dev to Kubernetes 1.32 — cannot start now:\n✗ node x is not Ready.\n")
        .endsWith("Nothing was started.");
  }
}
