package dev.shipmate.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Nodes carry a kubelet version and a Ready condition, and pods go where they may")
class NodesAndSchedulingIT {

  private SimulatedCluster cluster;

  @AfterEach
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @DisplayName("a new cluster has three Ready nodes at its Kubernetes version")
  void defaultNodes() {
    cluster = SimulatedCluster.builder().kubernetesVersion("1.30.6").start();

    List<Node> nodes = cluster.client().nodes().list().getItems();

    assertThat(nodes)
        .extracting(n -> n.getMetadata().getName())
        .containsExactly("node-1", "node-2", "node-3");
    assertThat(nodes)
        .allSatisfy(
            node -> {
              assertThat(node.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.30.6");
              assertThat(node.getStatus().getConditions())
                  .anySatisfy(
                      c -> {
                        assertThat(c.getType()).isEqualTo("Ready");
                        assertThat(c.getStatus()).isEqualTo("True");
                      });
              assertThat(node.getSpec().getUnschedulable()).isNull();
            });
    assertThat(cluster.client().getKubernetesVersion().getGitVersion()).isEqualTo("v1.30.6");
  }

  @Test
  @DisplayName(
      "the cordoned nodes are listed by spec.unschedulable=true, and the API server counts what"
          + " clients asked")
  void cordonedNodesByFieldSelector() {
    cluster = SimulatedCluster.start();
    KubernetesClient client = cluster.client();
    client
        .nodes()
        .withName("node-3")
        .edit(
            node -> {
              node.getSpec().setUnschedulable(true);
              return node;
            });
    cluster.requestCounts().reset();

    List<Node> cordoned = client.nodes().withField("spec.unschedulable", "true").list().getItems();
    client.nodes().withName("node-1").get();

    assertThat(cordoned).extracting(n -> n.getMetadata().getName()).containsExactly("node-3");
    assertThat(cluster.requestCounts().requests())
        .containsEntry("list nodes", 1L)
        .containsEntry("get nodes", 1L);
    assertThat(cluster.requestCounts().listedObjects()).containsEntry("nodes", 1L);
  }

  @Test
  @DisplayName("pods spread over the nodes, and skip a cordoned one")
  void spreadAndCordon() {
    cluster = SimulatedCluster.start();
    KubernetesClient client = cluster.client();
    client
        .nodes()
        .withName("node-2")
        .edit(
            node -> {
              node.getSpec().setUnschedulable(true);
              return node;
            });
    cluster.settle();

    // The cordoned node gets the unschedulable taint
    assertThat(client.nodes().withName("node-2").get().getSpec().getTaints())
        .extracting(Taint::getKey, Taint::getEffect)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("node.kubernetes.io/unschedulable", "NoSchedule"));

    cluster.addDeployment("default", "web", "web:v1", 4);

    Map<String, Long> perNode = podsPerNode(client);
    assertThat(perNode)
        .containsOnlyKeys("node-1", "node-3")
        .containsEntry("node-1", 2L)
        .containsEntry("node-3", 2L);
  }

  @Test
  @DisplayName(
      "without a schedulable node a pod stays Pending, Unschedulable, and is placed when a node comes back")
  void unschedulable() {
    cluster = SimulatedCluster.builder().nodes(List.of(NodeSpec.of("only", "1.31.4"))).start();
    KubernetesClient client = cluster.client();
    client
        .nodes()
        .withName("only")
        .edit(
            node -> {
              node.getSpec().setUnschedulable(true);
              return node;
            });
    client.resource(Manifests.deployment("web", "web:v1", 1)).create();
    cluster.advance(Duration.ofSeconds(10));

    Pod pending = client.pods().list().getItems().get(0);
    assertThat(pending.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(pending.getSpec().getNodeName()).isNull();
    PodCondition scheduled = condition(pending, "PodScheduled");
    assertThat(scheduled.getStatus()).isEqualTo("False");
    assertThat(scheduled.getReason()).isEqualTo("Unschedulable");
    assertThat(scheduled.getMessage())
        .startsWith("0/1 nodes are available: 1 node(s) were unschedulable.");

    client
        .nodes()
        .withName("only")
        .edit(
            node -> {
              node.getSpec().setUnschedulable(null);
              return node;
            });
    cluster.advance(Duration.ofSeconds(5));

    Pod placed = client.pods().list().getItems().get(0);
    assertThat(placed.getSpec().getNodeName()).isEqualTo("only");
    assertThat(placed.getStatus().getPhase()).isEqualTo("Running");
  }

  @Test
  @DisplayName(
      "removing a node reschedules its pods; an added node reports its own kubelet version")
  void nodeReplacement() {
    cluster = SimulatedCluster.start();
    KubernetesClient client = cluster.client();
    cluster.addDeployment("default", "web", "web:v1", 3);
    assertThat(podsPerNode(client)).containsEntry("node-1", 1L);

    // An upgrade brings a node with the new version and takes an old one away
    cluster.addNode(
        NodeSpec.of("node-4", "1.32.1").withLabel("eks.amazonaws.com/nodegroup", "general"));
    cluster.removeNode("node-1");
    cluster.settle();

    // The pod of node-1 was deleted and its replacement scheduled elsewhere
    List<Pod> pods = client.pods().list().getItems();
    assertThat(pods)
        .hasSize(3)
        .noneSatisfy(pod -> assertThat(pod.getSpec().getNodeName()).isEqualTo("node-1"));
    assertThat(client.apps().deployments().withName("web").get().getStatus().getAvailableReplicas())
        .isEqualTo(2);
    cluster.advance(Duration.ofSeconds(5));
    assertThat(client.apps().deployments().withName("web").get().getStatus().getAvailableReplicas())
        .isEqualTo(3);
    Node added = client.nodes().withName("node-4").get();
    assertThat(added.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.32.1");
    assertThat(added.getMetadata().getLabels())
        .containsEntry("eks.amazonaws.com/nodegroup", "general");
  }

  @Test
  @DisplayName("pods on a NotReady node are evicted once their 300 s toleration runs out")
  void notReadyNode() {
    cluster = SimulatedCluster.start();
    KubernetesClient client = cluster.client();
    cluster.addDeployment("default", "web", "web:v1", 3);
    String onNode1 =
        client.pods().list().getItems().stream()
            .filter(pod -> "node-1".equals(pod.getSpec().getNodeName()))
            .findFirst()
            .orElseThrow()
            .getMetadata()
            .getName();

    cluster.setNodeReady("node-1", false);
    cluster.advance(Duration.ofSeconds(299));
    assertThat(client.pods().withName(onNode1).get()).isNotNull();
    assertThat(client.nodes().withName("node-1").get().getSpec().getTaints())
        .extracting(Taint::getKey)
        .contains("node.kubernetes.io/not-ready");

    cluster.advance(Duration.ofSeconds(2));
    assertThat(client.pods().withName(onNode1).get()).isNull();
    assertThat(client.pods().list().getItems())
        .hasSize(3)
        .noneSatisfy(pod -> assertThat(pod.getSpec().getNodeName()).isEqualTo("node-1"));
  }

  @Test
  @DisplayName("the control plane version can move on its own, as an EKS upgrade moves it")
  void controlPlaneVersion() {
    cluster = SimulatedCluster.builder().kubernetesVersion("1.30.6").start();

    cluster.setKubernetesVersion("1.31.2");

    assertThat(cluster.client().getKubernetesVersion().getGitVersion()).isEqualTo("v1.31.2");
    assertThat(cluster.client().getKubernetesVersion().getMinor()).isEqualTo("31");
    assertThat(cluster.client().nodes().list().getItems())
        .allSatisfy(
            node ->
                assertThat(node.getStatus().getNodeInfo().getKubeletVersion())
                    .isEqualTo("v1.30.6"));
  }

  private static Map<String, Long> podsPerNode(KubernetesClient client) {
    return client.pods().list().getItems().stream()
        .collect(Collectors.groupingBy(pod -> pod.getSpec().getNodeName(), Collectors.counting()));
  }

  private static PodCondition condition(Pod pod, String type) {
    return pod.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }
}
