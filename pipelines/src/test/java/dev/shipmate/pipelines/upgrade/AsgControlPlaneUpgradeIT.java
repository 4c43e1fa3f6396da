package dev.shipmate.pipelines.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.sandbox.aws.compute.Instance;
import dev.shipmate.sandbox.aws.compute.SimulatedCompute;
import io.fabric8.kubernetes.api.model.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName(
    "/upgrade of a self-managed cluster whose control plane is an Auto Scaling group"
        + " (asg.controlPlane), on the sandbox")
class AsgControlPlaneUpgradeIT {

  private static final String CONTROL_PLANE = "dev-control-plane";
  private static final String YAML =
      UpgradeHarness.CONFIG.replace(
          "groups: [dev-nodes] }", "groups: [dev-nodes], controlPlane: " + CONTROL_PLANE + " }");

  /** A progress note, with what {@code /version} said and which nodes were cordoned right then. */
  private record Seen(String note, String apiServer, List<String> cordoned) {}

  @TempDir Path folder;

  private UpgradeHarness harness;
  private Set<String> controlPlaneNodes;
  private Set<String> workerNodes;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    assertThat(YAML).contains("controlPlane: " + CONTROL_PLANE);
    harness = new UpgradeHarness(folder, 3, UpgradeSettings.defaults(), YAML);
    controlPlaneNodes = nodesOf(CONTROL_PLANE);
    workerNodes = nodesOf("dev-nodes");
    // Checks run on the test's thread and the world only moves between them: what the API server
    // reports when a note is published is what it reported while that check acted.
    harness.engine.addListener(
        event -> {
          if (event instanceof RunEvent.StepProgressed progressed) {
            seen.add(
                new Seen(
                    progressed.note(),
                    harness.cluster("dev").kubernetesVersion(),
                    harness.nodes("dev").stream()
                        .filter(n -> Boolean.TRUE.equals(n.getSpec().getUnschedulable()))
                        .map(n -> n.getMetadata().getName())
                        .toList()));
          }
        });
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  @DisplayName(
      "the preflight plans the control-plane group first, then the workers; nothing stops it")
  void preflight() {
    assertThat(apiServer()).isEqualTo("v1.31.4");

    Preflight.Result result = harness.upgrade.dryRun(new UpgradeRequest("dev", "1.32"));

    assertThat(result.problems()).isEmpty();
    UpgradePlan plan = result.plan();
    assertThat(plan.controlPlaneFrom()).isEqualTo("1.31");
    assertThat(plan.controlPlaneMoves()).isTrue();
    assertThat(plan.groups())
        .extracting(UpgradePlan.PlannedGroup::name, UpgradePlan.PlannedGroup::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(CONTROL_PLANE, UpgradePlan.GroupKind.CONTROL_PLANE),
            org.assertj.core.groups.Tuple.tuple("dev-nodes", UpgradePlan.GroupKind.AUTO_SCALING));
    assertThat(plan.groups().get(0).nodes())
        .extracting(UpgradePlan.PlannedNode::name)
        .containsExactlyInAnyOrderElementsOf(controlPlaneNodes);
    assertThat(plan.groups().get(1).nodes())
        .extracting(UpgradePlan.PlannedNode::name)
        .containsExactlyInAnyOrderElementsOf(workerNodes);
    assertThat(plan.estimateMinutes()).isEqualTo(6 * 5);
    assertThat(UpgradePlanText.render(result))
        .contains("Control plane: 1.31 → 1.32, by replacing the control-plane group's nodes first.")
        .contains(
            "control-plane group " + CONTROL_PLANE + ", node by node: 3 nodes, in this order:")
        .contains("Auto Scaling group dev-nodes, node by node")
        .contains("Estimate: about 30 minutes.");
  }

  @Test
  @DisplayName(
      "1.31 → 1.32: every control-plane node is replaced, one by one, before any worker is"
          + " cordoned; no worker is cordoned while /version says 1.31; every node and /version"
          + " end at 1.32")
  void controlPlaneFirst() {
    Run run = harness.upgrade("dev", "1.32");
    Run done = harness.runToEnd(run.id(), Duration.ofSeconds(5), Duration.ofHours(2));

    assertThat(done.status()).as(String.valueOf(done)).isEqualTo(RunStatus.SUCCEEDED);

    // (a) the order of cordons: the three control-plane nodes, one at a time, then the workers.
    List<Seen> cordons = seen.stream().filter(s -> s.note().contains(": cordoned ")).toList();
    List<String> cordoned = new ArrayList<>();
    for (Seen cordon : cordons) {
      String names = cordon.note().substring(cordon.note().indexOf(": cordoned ") + 11);
      names = names.replace(" (the canary: it goes alone, and is validated first)", "");
      cordoned.addAll(List.of(names.split(", ")));
    }
    assertThat(cordoned).hasSize(6).doesNotHaveDuplicates();
    assertThat(cordoned.subList(0, 3)).containsExactlyInAnyOrderElementsOf(controlPlaneNodes);
    assertThat(cordoned.subList(3, 6)).containsExactlyInAnyOrderElementsOf(workerNodes);
    assertThat(cordons.subList(0, 3))
        .allSatisfy(c -> assertThat(c.cordoned()).as(c.note()).hasSize(1));

    // (b) no worker cordoned while the API server still reported 1.31, and the control plane
    // moved only once its last node had joined.
    List<Seen> whileOld = seen.stream().filter(s -> s.apiServer().startsWith("v1.31.")).toList();
    assertThat(whileOld).isNotEmpty();
    assertThat(whileOld)
        .allSatisfy(
            s ->
                assertThat(s.cordoned())
                    .as("cordoned at \"" + s.note() + "\"")
                    .doesNotContainAnyElementsOf(workerNodes));
    assertThat(cordons.subList(0, 3))
        .allSatisfy(c -> assertThat(c.apiServer()).as(c.note()).isEqualTo("v1.31.4"));
    assertThat(cordons.subList(3, cordons.size()))
        .allSatisfy(c -> assertThat(c.apiServer()).as(c.note()).isEqualTo("v1.32.9"));
    int thirdControlPlaneCordon = seen.indexOf(cordons.get(2));
    assertThat(seen.subList(thirdControlPlaneCordon, seen.size()))
        .filteredOn(
            s -> s.note().contains("waiting for i-") && s.note().contains("group " + CONTROL_PLANE))
        .as("the last control-plane node booting")
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.apiServer()).isEqualTo("v1.31.4"));

    // (c) the whole cluster at 1.32.
    List<Node> nodes = harness.nodes("dev");
    assertThat(nodes)
        .hasSize(6)
        .allSatisfy(
            n -> assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.32."));
    assertThat(nodes)
        .filteredOn(
            n -> n.getMetadata().getLabels().containsKey(SimulatedCompute.CONTROL_PLANE_ROLE))
        .hasSize(3)
        .allSatisfy(
            n ->
                assertThat(n.getSpec().getTaints())
                    .extracting(t -> t.getKey() + ":" + t.getEffect())
                    .containsExactly(SimulatedCompute.CONTROL_PLANE_ROLE + ":NoSchedule"));
    assertThat(nodes.stream().map(n -> n.getMetadata().getName()))
        .doesNotContainAnyElementsOf(controlPlaneNodes)
        .doesNotContainAnyElementsOf(workerNodes);
    assertThat(apiServer()).isEqualTo("v1.32.9");
    assertThat(harness.pods("dev", "staging"))
        .hasSize(2)
        .allSatisfy(
            p ->
                assertThat(nodesOf("dev-nodes"))
                    .as("web runs on workers only")
                    .contains(p.getSpec().getNodeName()));
  }

  @Test
  @DisplayName(
      "workers wait, saying so, while the API server still reports 1.31 after the control-plane"
          + " group is done, and go on once it reports 1.32")
  void workersWaitForTheApiServer() {
    // An API server slow to report the new version (a load balancer still reaching an old one):
    // held back at 1.31 the moment the control-plane group is done and the workers' turn comes.
    harness.engine.addListener(
        event -> {
          if (event instanceof RunEvent.StepProgressed progressed
              && progressed.note().startsWith("group dev-nodes: new nodes start")) {
            harness.cluster("dev").setKubernetesVersion("1.31.4");
          }
        });
    Run run = harness.upgrade("dev", "1.32");
    harness.advanceUntil(
        "the workers waiting for the API server",
        () ->
            harness.progressNotes(run.id()).stream()
                .anyMatch(n -> n.startsWith("waiting for the API server to report 1.32")),
        Duration.ofHours(1));
    assertThat(harness.progressNotes(run.id()))
        .contains("waiting for the API server to report 1.32 (it reports 1.31)");
    assertThat(nodesOf(CONTROL_PLANE)).hasSize(3).doesNotContainAnyElementsOf(controlPlaneNodes);

    harness.advance(Duration.ofMinutes(10));
    assertThat(harness.run(run.id()).isActive()).isTrue();
    assertThat(nodesOf("dev-nodes")).isEqualTo(workerNodes);
    assertThat(harness.nodes("dev"))
        .allSatisfy(n -> assertThat(n.getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE));
    assertThat(seen.get(seen.size() - 1).note())
        .isEqualTo("waiting for the API server to report 1.32 (it reports 1.31)");

    harness.cluster("dev").setKubernetesVersion("1.32.9");
    Run done = harness.runToEnd(run.id(), Duration.ofSeconds(15), Duration.ofHours(2));

    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(harness.nodes("dev"))
        .hasSize(6)
        .allSatisfy(
            n -> assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.32."));
    assertThat(seen)
        .filteredOn(s -> s.note().contains(": cordoned "))
        .filteredOn(s -> s.cordoned().stream().anyMatch(workerNodes::contains))
        .hasSize(3)
        .allSatisfy(s -> assertThat(s.apiServer()).isEqualTo("v1.32.9"));
  }

  private String apiServer() {
    return harness.cluster("dev").client().getKubernetesVersion().getGitVersion();
  }

  private Set<String> nodesOf(String group) {
    return harness.world.aws().compute().group(group).instances().stream()
        .map(Instance::nodeName)
        .collect(Collectors.toSet());
  }
}
