package dev.shipmate.pipelines.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("where a run is among its planned nodes")
class NodeProgressTest {

  private static final UpgradePlan PLAN =
      new UpgradePlan(
          "dev",
          "asg",
          "1.31",
          "1.32",
          false,
          List.of(
              new UpgradePlan.PlannedGroup(
                  "dev-nodes",
                  UpgradePlan.GroupKind.AUTO_SCALING,
                  List.of(
                      new UpgradePlan.PlannedNode("node-a", "v1.31.4"),
                      new UpgradePlan.PlannedNode("node-b", "v1.31.4"),
                      new UpgradePlan.PlannedNode("node-c", "v1.31.4"),
                      new UpgradePlan.PlannedNode("node-d", "v1.31.4")))),
          List.of(),
          40);

  @Test
  @DisplayName("while draining, the planned nodes before the first one draining are done")
  void whileDrainingCountsThePlanBeforeIt() {
    Optional<NodeProgress> progress =
        NodeProgress.whileDraining(PLAN, List.of(node("node-d"), node("node-c")));

    assertThat(progress).contains(new NodeProgress(2, 4));
    assertThat(progress.orElseThrow().current()).isEqualTo("node 3/4");
  }

  @Test
  @DisplayName("while draining, it agrees with the count from every node in a roll in plan order")
  void agreesWithTheWholeCluster() {
    // node-a replaced (gone), node-b being drained, node-c and node-d still to come
    List<ClusterNode> cluster = List.of(node("node-b"), node("node-c"), node("node-d"));

    assertThat(NodeProgress.whileDraining(PLAN, List.of(node("node-b"))))
        .contains(NodeProgress.of(PLAN, cluster, "u-1"));
  }

  @Test
  @DisplayName("a draining node outside the plan leaves it to the whole cluster")
  void nodeOutsideThePlan() {
    assertThat(NodeProgress.whileDraining(PLAN, List.of(node("node-z")))).isEmpty();
    assertThat(NodeProgress.whileDraining(PLAN, List.of())).isEmpty();
  }

  private static ClusterNode node(String name) {
    return new ClusterNode(
        name,
        true,
        true,
        "v1.31.4",
        MinorVersion.parse("v1.31.4"),
        Optional.of("i-" + name),
        Map.of(),
        Optional.of(Instant.parse("2026-01-05T09:00:00Z")),
        110,
        Instant.parse("2026-01-01T00:00:00Z"),
        Optional.empty(),
        Optional.empty(),
        false);
  }
}
