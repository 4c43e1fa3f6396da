package dev.shipmate.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DaemonSets run one pod on every node")
class DaemonSetIT {

  private SimulatedCluster cluster;
  private KubernetesClient client;

  @BeforeEach
  void startCluster() {
    cluster = SimulatedCluster.start();
    client = cluster.client();
  }

  @AfterEach
  void stopCluster() {
    cluster.close();
  }

  @Test
  @DisplayName("one pod per node, cordoned nodes included, and one more for a node that joins")
  void podPerNode() {
    client
        .nodes()
        .withName("node-3")
        .edit(
            node -> {
              node.getSpec().setUnschedulable(true);
              return node;
            });
    client.resource(daemonSet("agent:v1")).inNamespace("kube-system").create();
    cluster.advance(Duration.ofSeconds(5));

    assertThat(nodesOf(agentPods())).containsExactlyInAnyOrder("node-1", "node-2", "node-3");
    DaemonSet ds = client.apps().daemonSets().inNamespace("kube-system").withName("agent").get();
    assertThat(ds.getStatus().getDesiredNumberScheduled()).isEqualTo(3);
    assertThat(ds.getStatus().getCurrentNumberScheduled()).isEqualTo(3);
    assertThat(ds.getStatus().getNumberReady()).isEqualTo(3);
    assertThat(ds.getStatus().getNumberAvailable()).isEqualTo(3);
    assertThat(ds.getStatus().getObservedGeneration()).isEqualTo(1L);
    assertThat(agentPods())
        .allSatisfy(
            pod ->
                assertThat(pod.getMetadata().getOwnerReferences().get(0).getKind())
                    .isEqualTo("DaemonSet"));

    cluster.addNode(NodeSpec.of("node-4", "1.31.4"));
    cluster.settle();

    assertThat(nodesOf(agentPods())).contains("node-4").hasSize(4);
  }

  @Test
  @DisplayName("a new template replaces the pods one node at a time")
  void rollingUpdate() {
    client.resource(daemonSet("agent:v1")).inNamespace("kube-system").create();
    cluster.advance(Duration.ofSeconds(5));

    client
        .apps()
        .daemonSets()
        .inNamespace("kube-system")
        .withName("agent")
        .edit(
            ds -> {
              ds.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("agent:v2");
              return ds;
            });
    cluster.settle();

    // One old pod went (maxUnavailable 1) and its replacement is starting
    assertThat(images(agentPods())).containsExactlyInAnyOrder("agent:v1", "agent:v1", "agent:v2");
    cluster.advance(Duration.ofSeconds(30));
    assertThat(images(agentPods())).containsOnly("agent:v2").hasSize(3);
    DaemonSet ds = client.apps().daemonSets().inNamespace("kube-system").withName("agent").get();
    assertThat(ds.getStatus().getUpdatedNumberScheduled()).isEqualTo(3);
  }

  private List<Pod> agentPods() {
    return client.pods().inNamespace("kube-system").withLabel("app", "agent").list().getItems();
  }

  private static List<String> nodesOf(List<Pod> pods) {
    return pods.stream().map(pod -> pod.getSpec().getNodeName()).toList();
  }

  private static List<String> images(List<Pod> pods) {
    return pods.stream().map(pod -> pod.getSpec().getContainers().get(0).getImage()).toList();
  }

  static DaemonSet daemonSet(String image) {
    return new DaemonSetBuilder()
        .withNewMetadata()
        .withName("agent")
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .addToMatchLabels("app", "agent")
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", "agent")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("agent")
        .withImage(image)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
