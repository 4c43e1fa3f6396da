package dev.shipmate.sandbox.world;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.config.ConfigLoader;
import dev.shipmate.sandbox.aws.compute.GroupView;
import dev.shipmate.sandbox.aws.compute.Instance;
import dev.shipmate.sandbox.aws.compute.LaunchTemplateVersion;
import dev.shipmate.sandbox.aws.compute.SimulatedCompute;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName(
    "a self-managed cluster's control-plane Auto Scaling group: seeded tainted, and /version"
        + " follows its instances")
class SelfManagedControlPlaneIT {

  private static final String CONFIG =
      """
      clusters:
        dev: { context: dev, provider: asg, asg: { region: eu-west-1, groups: [dev-nodes], controlPlane: dev-masters } }
      environments:
        staging: { cluster: dev, namespace: staging }
      services:
        web: { image: registry.example.com/acme/web, deployments: [web], container: web }
      """;

  @TempDir Path directory;
  private SimulatedWorld world;
  private SimulatedCompute compute;
  private KubernetesClient dev;

  @BeforeEach
  void start() {
    world =
        SimulatedWorld.start(
            new ConfigLoader(Map.of()).parse(CONFIG, "test.yaml").orThrow(),
            WorldSettings.in(directory));
    compute = world.aws().compute();
    dev = world.cluster("dev").client();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  @DisplayName(
      "asg.controlPlane is seeded as a group whose nodes carry the control-plane label and"
          + " NoSchedule taint; workloads run on the workers only")
  void seedsTheControlPlaneGroup() {
    Set<String> masters = nodeNames(compute.group("dev-masters"));
    Set<String> workers = nodeNames(compute.group("dev-nodes"));
    assertThat(masters).hasSize(3);
    assertThat(workers).hasSize(3);

    List<Node> nodes = dev.nodes().list().getItems();
    assertThat(nodes).hasSize(6);
    for (Node node : nodes) {
      boolean master = masters.contains(node.getMetadata().getName());
      assertThat(node.getMetadata().getLabels().containsKey(SimulatedCompute.CONTROL_PLANE_ROLE))
          .as("control-plane label on " + node.getMetadata().getName())
          .isEqualTo(master);
      if (master) {
        assertThat(node.getMetadata().getLabels())
            .containsEntry(SimulatedCompute.CONTROL_PLANE_ROLE, "")
            .containsEntry("sandbox.shipmate.dev/autoscaling-group", "dev-masters");
        assertThat(node.getSpec().getTaints())
            .singleElement()
            .satisfies(
                t -> {
                  assertThat(t.getKey()).isEqualTo(SimulatedCompute.CONTROL_PLANE_ROLE);
                  assertThat(t.getEffect()).isEqualTo("NoSchedule");
                });
      } else {
        assertThat(node.getSpec().getTaints()).isNullOrEmpty();
      }
    }
    List<Pod> web = dev.pods().inNamespace("staging").list().getItems();
    assertThat(web)
        .hasSize(2)
        .allSatisfy(p -> assertThat(workers).contains(p.getSpec().getNodeName()));
    assertThat(dev.getKubernetesVersion().getGitVersion()).isEqualTo("v1.31.4");
  }

  @Test
  @DisplayName(
      "/version stays at 1.31 while the control-plane group is mixed or a replacement has not"
          + " joined, and moves to 1.32's newest patch once every instance runs 1.32 with a Ready"
          + " node; a worker group at 1.32 does not move it")
  void versionFollowsTheControlPlaneGroup() {
    // Workers first (which Shipmate never does): /version does not care.
    GroupView workers = compute.group("dev-nodes");
    pointAt(workers, "ami-eks-node-1.32");
    compute.terminate(workers.instances().get(0).id(), false);
    world.advance(Duration.ofMinutes(2));
    assertThat(version()).isEqualTo("v1.31.4");

    GroupView masters = compute.group("dev-masters");
    pointAt(masters, "ami-eks-node-1.32");
    List<Instance> old = masters.instances();
    for (int i = 0; i < old.size(); i++) {
      compute.terminate(old.get(i).id(), false);
      world.settle();
      assertThat(version())
          .as("after terminating control-plane node " + (i + 1))
          .isEqualTo("v1.31.4");
      // The replacement boots for 90 s; until it has joined the group is not all at 1.32.
      world.advance(Duration.ofSeconds(89));
      assertThat(version()).as("control-plane node " + (i + 1) + " booting").isEqualTo("v1.31.4");
      world.advance(Duration.ofSeconds(1));
      assertThat(compute.group("dev-masters").instances())
          .allSatisfy(instance -> assertThat(instance.lifecycleState()).isEqualTo("InService"));
      if (i < old.size() - 1) {
        assertThat(version())
            .as("control-plane node " + (i + 1) + " joined, the others still at 1.31")
            .isEqualTo("v1.31.4");
      }
    }
    assertThat(version()).isEqualTo("v1.32.9");
    assertThat(dev.getKubernetesVersion().getMinor()).isEqualTo("32");

    // The new control-plane nodes are control-plane nodes too.
    Set<String> masterNodes = nodeNames(compute.group("dev-masters"));
    assertThat(dev.nodes().list().getItems())
        .filteredOn(n -> masterNodes.contains(n.getMetadata().getName()))
        .hasSize(3)
        .allSatisfy(
            n -> {
              assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.32.9");
              assertThat(n.getMetadata().getLabels())
                  .containsKey(SimulatedCompute.CONTROL_PLANE_ROLE);
              assertThat(n.getSpec().getTaints())
                  .extracting(t -> t.getKey() + ":" + t.getEffect())
                  .containsExactly(SimulatedCompute.CONTROL_PLANE_ROLE + ":NoSchedule");
            });

    // Replacing a control-plane node at the same minor version leaves /version as it is.
    compute.terminate(compute.group("dev-masters").instances().get(0).id(), false);
    world.advance(Duration.ofMinutes(2));
    assertThat(version()).isEqualTo("v1.32.9");
  }

  private String version() {
    return dev.getKubernetesVersion().getGitVersion();
  }

  private void pointAt(GroupView group, String image) {
    LaunchTemplateVersion next =
        compute.createLaunchTemplateVersion(
            group.launchTemplate().templateId(), null, null, "to 1.32", image, null);
    compute.updateGroup(
        group.name(), next.templateId(), null, Long.toString(next.number()), null, null, null);
  }

  private static Set<String> nodeNames(GroupView group) {
    return group.instances().stream().map(Instance::nodeName).collect(Collectors.toSet());
  }
}
