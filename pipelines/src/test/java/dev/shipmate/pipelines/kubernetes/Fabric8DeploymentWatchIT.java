package dev.shipmate.pipelines.kubernetes;

import static dev.shipmate.pipelines.kubernetes.Workloads.T0;
import static dev.shipmate.pipelines.kubernetes.Workloads.running;
import static dev.shipmate.pipelines.kubernetes.Workloads.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.sandbox.kubernetes.SimulatedCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The gateway's watches, against the sandbox's API server with its controllers at rest: each test
 * writes the statuses a controller or the kubelet would.
 *
 * <p>Not on fabric8's mock server as the rest of the gateway's tests are: when a watch closes while
 * that server still has an event to send, it waits for its sender on the event loop the sender
 * needs (up to a minute), and the next tests' requests time out (seen in CI, December 2026).
 */
class Fabric8DeploymentWatchIT {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private static SimulatedCluster cluster;
  private static KubernetesClient client;

  private String namespace;
  private DeploymentRef web;
  private DeploymentGateway gateway;

  @BeforeAll
  static void startCluster() {
    cluster = SimulatedCluster.start();
    client = cluster.client();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @BeforeEach
  void setUp() {
    namespace = "watch" + NAMESPACES.incrementAndGet();
    cluster.ensureNamespace(namespace);
    web = new DeploymentRef(namespace, "web");
    gateway = new Fabric8DeploymentGateway(client);
  }

  private <T extends HasMetadata> T create(T object) {
    return new WorkloadWriter(client, namespace).create(object);
  }

  private List<ReplicaSet> webRolledToV12() {
    return new WorkloadWriter(client, namespace).webRolledToV12();
  }

  @Test
  @DisplayName("a watch wakes the listener when the Deployment's status changes")
  void watchDeploymentStatus() throws InterruptedException {
    // Given a watch whose listener, like a run, re-reads and looks for 3 updated replicas
    webRolledToV12();
    CountDownLatch sawThree = new CountDownLatch(1);
    DeploymentWatch watch =
        gateway.watch(
            web,
            () -> {
              Integer updated =
                  gateway.snapshot(web).orElseThrow().deployment().getStatus().getUpdatedReplicas();
              if (Integer.valueOf(3).equals(updated)) {
                sawThree.countDown();
              }
            });
    try {
      // When the controller (here, the test) writes the status
      client
          .apps()
          .deployments()
          .inNamespace(namespace)
          .withName("web")
          .editStatus(
              d -> {
                d.getStatus().setObservedGeneration(d.getMetadata().getGeneration());
                d.getStatus().setUpdatedReplicas(3);
                return d;
              });

      // Then the listener was woken and saw it
      assertThat(sawThree.await(20, TimeUnit.SECONDS)).isTrue();
    } finally {
      watch.close();
    }
  }

  @Test
  @DisplayName("a watch wakes the listener when a new pod's container state changes")
  void watchPods() throws InterruptedException {
    // Given a new pod that is running, and a watch looking for one that cannot pull its image
    List<ReplicaSet> sets = webRolledToV12();
    Pod pod = create(Workloads.pod(sets.get(1), "a", T0, running("web")));
    CountDownLatch sawPullFailure = new CountDownLatch(1);
    DeploymentWatch watch =
        gateway.watch(
            web,
            () -> {
              boolean pulling =
                  gateway.snapshot(web).orElseThrow().newPods().stream()
                      .flatMap(p -> p.getStatus().getContainerStatuses().stream())
                      .anyMatch(
                          s ->
                              s.getState().getWaiting() != null
                                  && "ErrImagePull".equals(s.getState().getWaiting().getReason()));
              if (pulling) {
                sawPullFailure.countDown();
              }
            });
    try {
      // When the kubelet (here, the test) reports that it cannot pull the image
      client
          .pods()
          .inNamespace(namespace)
          .withName(pod.getMetadata().getName())
          .editStatus(
              p -> {
                p.getStatus()
                    .setContainerStatuses(List.of(waiting("web", "ErrImagePull", "not found")));
                return p;
              });

      // Then the listener was woken and saw it
      assertThat(sawPullFailure.await(20, TimeUnit.SECONDS)).isTrue();
    } finally {
      watch.close();
    }
  }
}
