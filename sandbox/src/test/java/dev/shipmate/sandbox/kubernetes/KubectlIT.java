package dev.shipmate.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox checked by a client nobody here wrote: the real kubectl, found on the PATH. Time
 * still moves only when the test says so, while kubectl watches.
 */
@DisplayName("kubectl works against the sandbox as against a cluster")
class KubectlIT {

  @TempDir Path folder;

  private SimulatedCluster cluster;
  private KubernetesClient client;
  private Kubectl kubectl;

  @BeforeEach
  void startCluster() {
    cluster = SimulatedCluster.start();
    client = cluster.client();
    kubectl = Kubectl.forCluster(cluster, folder);
  }

  @AfterEach
  void stopCluster() {
    cluster.close();
  }

  @Test
  @DisplayName("get and describe print what they print for a real cluster")
  void getAndDescribe() {
    cluster.addDeployment("default", "web", "registry.example.com/web:v1", 3);

    Kubectl.Result get = kubectl.run("get", "deployments,pods,nodes");
    assertThat(get.exitCode()).as(get.all()).isZero();
    assertThat(get.out())
        .containsPattern("deployment.apps/web\\s+3/3\\s+3\\s+3")
        .containsPattern("pod/web-\\w+-\\w{5}\\s+1/1\\s+Running\\s+0")
        .containsPattern("node/node-1\\s+Ready\\s+<none>\\s+\\S+\\s+v1.31.4");

    Kubectl.Result describe = kubectl.run("describe", "deployment", "web");
    assertThat(describe.exitCode()).as(describe.all()).isZero();
    assertThat(describe.out())
        .contains("3 desired | 3 updated | 3 total | 3 available | 0 unavailable")
        .contains("RollingUpdateStrategy:  25% max unavailable, 25% max surge")
        .containsPattern("NewReplicaSet:\\s+web-\\w+ \\(3/3 replicas created\\)")
        .containsPattern("Progressing\\s+True\\s+NewReplicaSetAvailable")
        .containsPattern("ScalingReplicaSet .*Scaled up replica set web-\\w+ from 0 to 3");

    Kubectl.Result describeNode = kubectl.run("describe", "node", "node-1");
    assertThat(describeNode.out())
        .contains("Kubelet Version:            v1.31.4")
        .contains("Non-terminated Pods:");
  }

  @Test
  @DisplayName("set image, then rollout status follows the rollout to its end while time moves")
  void setImageAndRolloutStatus() {
    cluster.addDeployment("default", "web", "web:v1", 3);

    Kubectl.Result set = kubectl.run("set", "image", "deployment/web", "web=web:v2");
    assertThat(set.exitCode()).as(set.all()).isZero();
    assertThat(set.out()).contains("deployment.apps/web image updated");

    Kubectl.Running status = kubectl.start("rollout", "status", "deployment/web");
    status.awaitLine(line -> line.startsWith("Waiting for deployment"));
    cluster.advance(Duration.ofSeconds(60));
    Kubectl.Result done = status.await();

    assertThat(done.exitCode()).as(done.all()).isZero();
    assertThat(done.out()).contains("deployment \"web\" successfully rolled out");
    assertThat(client.pods().list().getItems())
        .hasSize(3)
        .allSatisfy(
            pod -> assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("web:v2"));
  }

  @Test
  @DisplayName("rollout status fails once a rollout exceeds its progress deadline")
  void rolloutStatusFails() {
    client
        .resource(
            new DeploymentBuilder(Manifests.deployment("web", "web:v1", 2))
                .editSpec()
                .withProgressDeadlineSeconds(30)
                .endSpec()
                .build())
        .create();
    cluster.awaitRollout("default", "web");
    kubectl.run("set", "image", "deployment/web", "web=web:v2-crashloop");

    Kubectl.Running status = kubectl.start("rollout", "status", "deployment/web");
    status.awaitLine(line -> line.startsWith("Waiting for deployment"));
    cluster.advance(Duration.ofSeconds(60));
    Kubectl.Result failed = status.await();

    assertThat(failed.exitCode()).isNotZero();
    assertThat(failed.err()).contains("deployment \"web\" exceeded its progress deadline");
  }

  @Test
  @DisplayName("cordon and uncordon a node")
  void cordon() {
    Kubectl.Result cordon = kubectl.run("cordon", "node-2");
    assertThat(cordon.out()).contains("node/node-2 cordoned");
    assertThat(client.nodes().withName("node-2").get().getSpec().getUnschedulable()).isTrue();
    assertThat(kubectl.run("get", "nodes").out())
        .containsPattern("node-2\\s+Ready,SchedulingDisabled");

    Kubectl.Result uncordon = kubectl.run("uncordon", "node-2");
    assertThat(uncordon.out()).contains("node/node-2 uncordoned");
    assertThat(client.nodes().withName("node-2").get().getSpec().getUnschedulable()).isNull();
  }

  @Test
  @DisplayName("drain skips DaemonSet pods, retries while a budget blocks, and empties the node")
  void drain() {
    cluster.addDeployment("default", "web", "web:v1", 3);
    client.resource(DaemonSetIT.daemonSet("agent:v1")).inNamespace("kube-system").create();
    client.resource(budget(3)).create();
    cluster.advance(Duration.ofSeconds(5));

    Kubectl.Running drain =
        kubectl.start("drain", "node-1", "--ignore-daemonsets", "--timeout=50s");
    String refusal = drain.awaitLine(line -> line.contains("disruption budget"));
    assertThat(refusal)
        .contains("Cannot evict pod as it would violate the pod's disruption budget");

    // The budget is relaxed: kubectl's next retry (every 5 s) goes through
    client
        .policy()
        .v1()
        .podDisruptionBudget()
        .withName("web")
        .edit(
            pdb -> {
              pdb.getSpec().setMinAvailable(new IntOrString(2));
              return pdb;
            });
    cluster.settle();
    Kubectl.Result drained = drain.await();

    assertThat(drained.exitCode()).as(drained.all()).isZero();
    assertThat(drained.all()).contains("node/node-1 cordoned").contains("node/node-1 drained");
    cluster.settle();
    List<Pod> onNode =
        client.pods().inAnyNamespace().withField("spec.nodeName", "node-1").list().getItems();
    assertThat(onNode)
        .singleElement()
        .satisfies(pod -> assertThat(pod.getMetadata().getNamespace()).isEqualTo("kube-system"));
    assertThat(client.pods().inNamespace("default").list().getItems()).hasSize(3);
  }

  @Test
  @DisplayName("get --watch prints pods as they come and become Ready")
  void watch() {
    cluster.addDeployment("default", "web", "web:v1", 1);
    Kubectl.Running watch = kubectl.start("get", "pods", "--watch");
    watch.awaitLine(line -> line.startsWith("web-") && line.contains("Running"));

    client.apps().deployments().withName("web").scale(2);
    cluster.settle();
    String added =
        client.pods().list().getItems().stream()
            .filter(pod -> !"True".equals(readyStatus(pod)))
            .findFirst()
            .orElseThrow()
            .getMetadata()
            .getName();
    watch.awaitLine(line -> line.startsWith(added) && line.contains("ContainerCreating"));
    cluster.advance(Duration.ofSeconds(5));
    String ready = watch.awaitLine(line -> line.startsWith(added) && line.contains("1/1"));
    watch.stop();

    assertThat(ready).containsPattern(added + "\\s+1/1\\s+Running\\s+0");
  }

  @Test
  @DisplayName("scale, annotate, label, rollout undo and logs")
  void everydayCommands() {
    cluster.addDeployment("default", "web", "web:v1", 2);

    assertThat(kubectl.run("scale", "deployment/web", "--replicas=3").out())
        .contains("deployment.apps/web scaled");
    assertThat(kubectl.run("annotate", "deployment/web", "team=payments").out())
        .contains("annotated");
    assertThat(kubectl.run("label", "deployment/web", "tier=front").out()).contains("labeled");
    cluster.awaitRollout("default", "web");
    assertThat(client.apps().deployments().withName("web").get().getSpec().getReplicas())
        .isEqualTo(3);
    assertThat(client.apps().deployments().withName("web").get().getMetadata().getLabels())
        .containsEntry("tier", "front");

    kubectl.run("set", "image", "deployment/web", "web=web:v2");
    cluster.awaitRollout("default", "web");
    Kubectl.Result undo = kubectl.run("rollout", "undo", "deployment/web");
    assertThat(undo.out()).as(undo.all()).contains("deployment.apps/web rolled back");
    cluster.awaitRollout("default", "web");
    assertThat(
            client
                .apps()
                .deployments()
                .withName("web")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("web:v1");

    String pod = client.pods().list().getItems().get(0).getMetadata().getName();
    assertThat(kubectl.run("logs", pod).out()).contains("sandbox: web:v1 started");
  }

  @Test
  @DisplayName("one kubeconfig, two simulated clusters, chosen by --context")
  void contexts() {
    try (SimulatedCluster dev =
        SimulatedCluster.builder().nodes(List.of(NodeSpec.of("dev-node", "1.30.6"))).start()) {
      Path kubeconfig =
          KubeconfigWriter.write(
              folder.resolve("two-clusters"),
              List.of(cluster.kubeContext("prod-eu"), dev.kubeContext("dev")),
              "prod-eu");
      Kubectl.Result prod = kubectl.run("--kubeconfig", kubeconfig.toString(), "get", "nodes");
      Kubectl.Result other =
          kubectl.run("--kubeconfig", kubeconfig.toString(), "--context", "dev", "get", "nodes");

      assertThat(prod.out()).contains("node-1").doesNotContain("dev-node");
      assertThat(other.out()).contains("dev-node").contains("v1.30.6").doesNotContain("node-1");
    }
  }

  private static String readyStatus(Pod pod) {
    return pod.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("Ready"))
        .map(c -> c.getStatus())
        .findFirst()
        .orElse("False");
  }

  private static io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget budget(
      int minAvailable) {
    return new PodDisruptionBudgetBuilder()
        .withNewMetadata()
        .withName("web")
        .endMetadata()
        .withNewSpec()
        .withMinAvailable(new IntOrString(minAvailable))
        .withNewSelector()
        .addToMatchLabels("app", "web")
        .endSelector()
        .endSpec()
        .build();
  }
}
