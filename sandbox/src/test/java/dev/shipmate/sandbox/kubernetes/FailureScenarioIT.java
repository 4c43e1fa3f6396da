package dev.shipmate.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Image tags ending in -imagepull, -crashloop and -unready fail the way DESIGN.md promises")
class FailureScenarioIT {

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
  @DisplayName(
      "-imagepull: ErrImagePull, then ImagePullBackOff; the pod stays Pending and never Ready")
  void imagePull() {
    client
        .resource(Manifests.deployment("web", "registry.example.com/web:v2-imagepull", 1))
        .create();
    cluster.settle();
    assertThat(waitingReason(onlyPod())).isEqualTo("ContainerCreating");

    // The first pull fails when the container would have started (2 s)
    cluster.advance(Duration.ofSeconds(2));
    Pod pod = onlyPod();
    assertThat(waitingReason(pod)).isEqualTo("ErrImagePull");
    assertThat(container(pod).getState().getWaiting().getMessage())
        .contains("registry.example.com/web:v2-imagepull")
        .contains("not found");
    assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");

    // Then it backs off, and goes on failing
    cluster.advance(Duration.ofSeconds(3));
    assertThat(waitingReason(onlyPod())).isEqualTo("ImagePullBackOff");
    cluster.advance(Duration.ofMinutes(5));
    pod = onlyPod();
    assertThat(waitingReason(pod)).isIn("ImagePullBackOff", "ErrImagePull");
    assertThat(container(pod).getReady()).isFalse();
    assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(eventReasons(pod)).contains("Failed", "BackOff");
    assertThat(deployment("web").getStatus().getAvailableReplicas()).isNull();
  }

  @Test
  @DisplayName("-crashloop: the container runs, exits 1, and restarts with a growing back-off")
  void crashLoop() {
    client.resource(Manifests.deployment("web", "web:v2-crashloop", 1)).create();
    cluster.advance(Duration.ofSeconds(2));
    assertThat(container(onlyPod()).getState().getRunning()).isNotNull();
    assertThat(onlyPod().getStatus().getPhase()).isEqualTo("Running");

    // It crashes after a second and is restarted at once, then crashes again and backs off 10 s
    cluster.advance(Duration.ofSeconds(2));
    ContainerStatus status = container(onlyPod());
    assertThat(status.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
    assertThat(status.getState().getWaiting().getMessage())
        .startsWith("back-off 10s restarting failed container=web pod=");
    assertThat(status.getRestartCount()).isEqualTo(1);
    assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(1);
    assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Error");
    assertThat(status.getReady()).isFalse();

    // The restart count keeps rising as time passes, and the back-off grows
    cluster.advance(Duration.ofMinutes(2));
    ContainerStatus later = container(onlyPod());
    assertThat(later.getRestartCount()).isGreaterThan(3);
    assertThat(onlyPod().getStatus().getPhase()).isEqualTo("Running");
    assertThat(eventReasons(onlyPod())).contains("BackOff");
    assertThat(deployment("web").getStatus().getReadyReplicas()).isNull();
  }

  @Test
  @DisplayName("-unready: the container runs and is never Ready")
  void neverReady() {
    client.resource(Manifests.deployment("web", "web:v2-unready", 2)).create();
    cluster.advance(Duration.ofMinutes(1));

    for (Pod pod : client.pods().withLabel("app", "web").list().getItems()) {
      assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
      assertThat(container(pod).getState().getRunning()).isNotNull();
      assertThat(container(pod).getReady()).isFalse();
      assertThat(container(pod).getStarted()).isTrue();
      assertThat(condition(pod, "Ready").getStatus()).isEqualTo("False");
      assertThat(condition(pod, "Ready").getReason()).isEqualTo("ContainersNotReady");
      assertThat(condition(pod, "Ready").getMessage())
          .isEqualTo("containers with unready status: [web]");
    }
  }

  @Test
  @DisplayName(
      "the pod annotation sandbox.shipmate.dev/failure chooses a scenario whatever the tag")
  void annotation() {
    Deployment annotated =
        new DeploymentBuilder(Manifests.deployment("web", "web:v2", 1))
            .editSpec()
            .editTemplate()
            .editMetadata()
            .addToAnnotations("sandbox.shipmate.dev/failure", "crashloop")
            .endMetadata()
            .endTemplate()
            .endSpec()
            .build();
    client.resource(annotated).create();
    cluster.advance(Duration.ofSeconds(20));

    assertThat(container(onlyPod()).getRestartCount()).isGreaterThan(0);
  }

  @Test
  @DisplayName(
      "a rollout to a failing image stops within maxUnavailable and times out after progressDeadlineSeconds")
  void progressDeadline() {
    Deployment deadline =
        new DeploymentBuilder(Manifests.rolling("web", "web:v1", 3, 1, 0))
            .editSpec()
            .withProgressDeadlineSeconds(120)
            .endSpec()
            .build();
    client.resource(deadline).create();
    cluster.awaitRollout("default", "web");

    client
        .apps()
        .deployments()
        .withName("web")
        .edit(
            d -> {
              d.getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers()
                  .get(0)
                  .setImage("web:v2-crashloop");
              return d;
            });
    cluster.advance(Duration.ofSeconds(119));

    // Before the deadline: still progressing, the old pods all serving, one new pod failing
    Deployment before = deployment("web");
    assertThat(condition(before, "Progressing").getStatus()).isEqualTo("True");
    assertThat(before.getStatus().getAvailableReplicas()).isEqualTo(3);
    assertThat(before.getStatus().getUpdatedReplicas()).isEqualTo(1);
    assertThat(before.getStatus().getUnavailableReplicas()).isEqualTo(1);

    // After it: ProgressDeadlineExceeded, which kubectl rollout status reports as a failure
    cluster.advance(Duration.ofSeconds(2));
    DeploymentCondition progressing = condition(deployment("web"), "Progressing");
    assertThat(progressing.getStatus()).isEqualTo("False");
    assertThat(progressing.getReason()).isEqualTo("ProgressDeadlineExceeded");
    assertThat(progressing.getMessage())
        .matches("ReplicaSet \"web-\\w+\" has timed out progressing\\.");
    assertThat(condition(deployment("web"), "Available").getStatus()).isEqualTo("True");

    // And Kubernetes does not roll back by itself
    cluster.advance(Duration.ofMinutes(10));
    assertThat(deployment("web").getStatus().getUpdatedReplicas()).isEqualTo(1);
    assertThat(condition(deployment("web"), "Progressing").getReason())
        .isEqualTo("ProgressDeadlineExceeded");
  }

  @Test
  @DisplayName("the default progress deadline is 600 s")
  void defaultDeadline() {
    client.resource(Manifests.deployment("web", "web:v1-imagepull", 1)).create();
    cluster.advance(Duration.ofSeconds(599));
    assertThat(condition(deployment("web"), "Progressing").getStatus()).isEqualTo("True");
    cluster.advance(Duration.ofSeconds(3));
    assertThat(condition(deployment("web"), "Progressing").getReason())
        .isEqualTo("ProgressDeadlineExceeded");
  }

  @Test
  @DisplayName(
      "failImage: an image fails in the cluster it is set on only; another cluster runs it Ready")
  void imageFailedInOneClusterOnly() {
    cluster.failImage("registry.example.com/web:v2", "imagepull");
    try (SimulatedCluster other = SimulatedCluster.start()) {
      client.resource(Manifests.deployment("web", "registry.example.com/web:v2", 1)).create();
      other
          .client()
          .resource(Manifests.deployment("web", "registry.example.com/web:v2", 1))
          .create();

      cluster.advance(Duration.ofSeconds(10));
      other.advance(Duration.ofSeconds(10));

      assertThat(waitingReason(onlyPod())).isIn("ErrImagePull", "ImagePullBackOff");
      Pod elsewhere = other.client().pods().inNamespace("default").list().getItems().get(0);
      assertThat(container(elsewhere).getReady()).isTrue();
    }
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> cluster.failImage("web:v3", "explode"));
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().withName(name).get();
  }

  private Pod onlyPod() {
    List<Pod> pods = client.pods().withLabel("app", "web").list().getItems();
    assertThat(pods).hasSize(1);
    return pods.get(0);
  }

  private List<String> eventReasons(Pod pod) {
    return client.v1().events().list().getItems().stream()
        .filter(e -> pod.getMetadata().getName().equals(e.getInvolvedObject().getName()))
        .map(Event::getReason)
        .toList();
  }

  private static ContainerStatus container(Pod pod) {
    return pod.getStatus().getContainerStatuses().get(0);
  }

  private static String waitingReason(Pod pod) {
    return pod.getStatus().getContainerStatuses() == null
        ? null
        : container(pod).getState().getWaiting() == null
            ? null
            : container(pod).getState().getWaiting().getReason();
  }

  private static io.fabric8.kubernetes.api.model.PodCondition condition(Pod pod, String type) {
    return pod.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }

  private static DeploymentCondition condition(Deployment deployment, String type) {
    return DeploymentRolloutIT.condition(deployment, type);
  }
}
