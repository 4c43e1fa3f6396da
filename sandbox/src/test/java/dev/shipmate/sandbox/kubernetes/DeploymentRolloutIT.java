package dev.shipmate.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Deployments roll out through ReplicaSets as the real controller rolls them")
class DeploymentRolloutIT {

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
      "a new Deployment gets ReplicaSet revision 1 and its pods become Ready after 5 simulated seconds")
  void newDeployment() {
    // Given a Deployment of three replicas
    client.resource(Manifests.deployment("web", "registry.example.com/web:v1", 3)).create();

    // When the controllers act, but no time passes
    cluster.settle();

    // Then there is one ReplicaSet, revision 1, with the pod-template-hash, and three pods not
    // Ready yet
    ReplicaSet rs = onlyReplicaSet();
    String hash = rs.getMetadata().getLabels().get("pod-template-hash");
    assertThat(rs.getMetadata().getName()).isEqualTo("web-" + hash);
    assertThat(rs.getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "1")
        .containsEntry("deployment.kubernetes.io/desired-replicas", "3")
        .containsEntry("deployment.kubernetes.io/max-replicas", "4");
    assertThat(rs.getSpec().getSelector().getMatchLabels())
        .containsEntry("pod-template-hash", hash);
    assertThat(rs.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("Deployment");
    List<Pod> pods = client.pods().withLabel("app", "web").list().getItems();
    assertThat(pods).hasSize(3).allSatisfy(pod -> assertThat(ready(pod)).isFalse());
    Deployment deployment = deployment("web");
    assertThat(deployment.getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "1");
    assertThat(deployment.getStatus().getReplicas()).isEqualTo(3);
    assertThat(deployment.getStatus().getUpdatedReplicas()).isEqualTo(3);
    assertThat(deployment.getStatus().getReadyReplicas()).isNull();
    assertThat(deployment.getStatus().getUnavailableReplicas()).isEqualTo(3);
    assertThat(condition(deployment, "Available").getStatus()).isEqualTo("False");

    // When 4 simulated seconds pass, still nothing is Ready; at 5 everything is
    cluster.advance(Duration.ofSeconds(4));
    assertThat(deployment("web").getStatus().getReadyReplicas()).isNull();
    cluster.advance(Duration.ofSeconds(1));

    // Then the status is what kubectl rollout status calls done
    deployment = deployment("web");
    assertThat(deployment.getStatus().getObservedGeneration()).isEqualTo(1L);
    assertThat(deployment.getStatus().getReplicas()).isEqualTo(3);
    assertThat(deployment.getStatus().getUpdatedReplicas()).isEqualTo(3);
    assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(3);
    assertThat(deployment.getStatus().getAvailableReplicas()).isEqualTo(3);
    assertThat(deployment.getStatus().getUnavailableReplicas()).isNull();
    assertThat(condition(deployment, "Available").getReason())
        .isEqualTo("MinimumReplicasAvailable");
    DeploymentCondition progressing = condition(deployment, "Progressing");
    assertThat(progressing.getStatus()).isEqualTo("True");
    assertThat(progressing.getReason()).isEqualTo("NewReplicaSetAvailable");
    assertThat(progressing.getMessage())
        .isEqualTo(
            "ReplicaSet \"" + rs.getMetadata().getName() + "\" has successfully progressed.");
    assertThat(onlyReplicaSet().getStatus().getAvailableReplicas()).isEqualTo(3);
  }

  @Test
  @DisplayName(
      "an image change rolls pods within maxSurge 1 and maxUnavailable 0, as a watch on the ReplicaSets sees")
  void rollingUpdateWithSurge() throws InterruptedException {
    // Given a rolled-out Deployment of three replicas, maxSurge 1, maxUnavailable 0
    client.resource(Manifests.rolling("web", "registry.example.com/web:v1", 3, 1, 0)).create();
    cluster.advance(Duration.ofSeconds(5));
    BlockingQueue<ReplicaSet> seen = new LinkedBlockingQueue<>();
    // The watch's first event (the old ReplicaSet, ADDED at 3) says the server has subscribed it:
    // fabric8 may return before that, and the simulated clock moves faster than the socket (seen
    // in CI: the watch began after the first scale-down and saw 2 → 1 → 0). Once in CI no event
    // came at all within 10 s (not yet explained): a watch silent for 5 s is opened again, at
    // most three times, rather than the test deciding on a subscription that never happened.
    Watch watch = null;
    for (int attempt = 1; seen.isEmpty(); attempt++) {
      assertThat(attempt).as("a watch that delivers its first event, in 3 tries").isLessThan(4);
      if (watch != null) {
        watch.close();
      }
      watch = client.apps().replicaSets().watch(collectInto(seen));
      long subscribedBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (seen.isEmpty() && System.nanoTime() < subscribedBy) {
        Thread.sleep(10);
      }
    }

    // When its image changes
    client
        .apps()
        .deployments()
        .withName("web")
        .edit(
            d ->
                new DeploymentBuilder(d)
                    .editSpec()
                    .editTemplate()
                    .editSpec()
                    .editFirstContainer()
                    .withImage("registry.example.com/web:v2")
                    .endContainer()
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .build());
    cluster.settle();

    // Then a second ReplicaSet (revision 2) starts with one pod: 4 pods, 3 of them available
    assertThat(deployment("web").getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(deployment("web").getStatus().getObservedGeneration()).isEqualTo(2L);
    assertThat(deployment("web").getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "2");
    assertThat(condition(deployment("web"), "Progressing").getReason())
        .isIn("NewReplicaSetCreated", "ReplicaSetUpdated");
    assertThat(replicasByRevision()).containsExactly(Map.entry("1", 3), Map.entry("2", 1));
    assertThat(client.pods().withLabel("app", "web").list().getItems()).hasSize(4);

    // And every 5 s one more new pod is Ready and one old pod goes, never more than 4 pods
    List<Map<String, Integer>> steps = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      cluster.advance(Duration.ofSeconds(5));
      steps.add(replicasByRevision());
      assertThat(client.pods().withLabel("app", "web").list().getItems().size())
          .isLessThanOrEqualTo(4);
      assertThat(available(deployment("web"))).isGreaterThanOrEqualTo(3);
    }
    assertThat(steps)
        .containsExactly(Map.of("1", 2, "2", 2), Map.of("1", 1, "2", 3), Map.of("1", 0, "2", 3));
    Deployment done = deployment("web");
    assertThat(done.getStatus().getUpdatedReplicas()).isEqualTo(3);
    assertThat(done.getStatus().getReplicas()).isEqualTo(3);
    assertThat(condition(done, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
    assertThat(client.pods().withLabel("app", "web").list().getItems())
        .allSatisfy(
            pod -> assertThat(pod.getSpec().getContainers().get(0).getImage()).endsWith(":v2"));

    // And the watch saw the old ReplicaSet scaled 3 → 2 → 1 → 0, in that order
    List<Integer> oldScale = new ArrayList<>();
    String oldName = oldReplicaSetName();
    while (oldScale.isEmpty() || oldScale.get(oldScale.size() - 1) != 0) {
      ReplicaSet event = seen.poll(10, TimeUnit.SECONDS);
      assertThat(event).as("a ReplicaSet event within 10 s").isNotNull();
      if (event.getMetadata().getName().equals(oldName)) {
        int replicas = event.getSpec().getReplicas();
        if (oldScale.isEmpty() || oldScale.get(oldScale.size() - 1) != replicas) {
          oldScale.add(replicas);
        }
      }
    }
    watch.close();
    assertThat(oldScale).containsExactly(3, 2, 1, 0);
  }

  @Test
  @DisplayName("the default strategy (25% surge, 25% unavailable) rolls 4 replicas two at a time")
  void defaultStrategy() {
    client.resource(Manifests.deployment("api", "api:v1", 4)).create();
    cluster.advance(Duration.ofSeconds(5));

    client.apps().deployments().withName("api").edit(d -> withImage(d, "api:v2"));
    cluster.settle();

    // 25% of 4 is one surge pod and one unavailable pod: the old set goes to 3, the new to 2
    assertThat(replicasByRevision()).containsExactly(Map.entry("1", 3), Map.entry("2", 2));
    cluster.advance(Duration.ofSeconds(60));
    assertThat(replicasByRevision()).containsExactly(Map.entry("1", 0), Map.entry("2", 4));
    assertThat(condition(deployment("api"), "Progressing").getReason())
        .isEqualTo("NewReplicaSetAvailable");
  }

  @Test
  @DisplayName("Recreate removes every old pod before the new ReplicaSet gets any")
  void recreate() {
    Deployment recreate =
        new DeploymentBuilder(Manifests.deployment("db", "db:v1", 2))
            .editSpec()
            .withNewStrategy()
            .withType("Recreate")
            .endStrategy()
            .endSpec()
            .build();
    client.resource(recreate).create();
    cluster.advance(Duration.ofSeconds(5));

    client.apps().deployments().withName("db").edit(d -> withImage(d, "db:v2"));
    cluster.tick();

    // After one pass the old set is scaled to zero and no new ReplicaSet exists yet
    assertThat(replicasByRevision()).containsEntry("1", 0).doesNotContainKey("2");
    cluster.settle();
    assertThat(replicasByRevision()).containsExactly(Map.entry("1", 0), Map.entry("2", 2));
    cluster.advance(Duration.ofSeconds(5));
    assertThat(available(deployment("db"))).isEqualTo(2);
  }

  @Test
  @DisplayName("metadata.generation moves with the spec only, and observedGeneration follows it")
  void generation() {
    client.resource(Manifests.deployment("web", "web:v1", 1)).create();
    cluster.advance(Duration.ofSeconds(5));
    assertThat(deployment("web").getMetadata().getGeneration()).isEqualTo(1L);

    // A label is metadata: the generation stays
    client
        .apps()
        .deployments()
        .withName("web")
        .edit(
            d -> {
              d.getMetadata().getLabels().put("team", "web");
              return d;
            });
    assertThat(deployment("web").getMetadata().getGeneration()).isEqualTo(1L);

    // Scaling is spec: the generation moves, and the controller observes it after it acts
    client.apps().deployments().withName("web").scale(3);
    assertThat(deployment("web").getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(deployment("web").getStatus().getObservedGeneration()).isEqualTo(1L);
    cluster.settle();
    assertThat(deployment("web").getStatus().getObservedGeneration()).isEqualTo(2L);
    cluster.advance(Duration.ofSeconds(5));
    assertThat(available(deployment("web"))).isEqualTo(3);
  }

  @Test
  @DisplayName("scaling a rolled-out Deployment down removes pods from its one ReplicaSet")
  void scaleDown() {
    cluster.addDeployment("default", "web", "web:v1", 4);

    client.apps().deployments().withName("web").scale(1);
    cluster.settle();

    assertThat(onlyReplicaSet().getSpec().getReplicas()).isEqualTo(1);
    assertThat(client.pods().withLabel("app", "web").list().getItems()).hasSize(1);
    assertThat(deployment("web").getStatus().getReplicas()).isEqualTo(1);
  }

  @Test
  @DisplayName("putting an old template back reuses its ReplicaSet under the next revision")
  void rollbackReusesReplicaSet() {
    cluster.addDeployment("default", "web", "web:v1", 2);
    String firstReplicaSet = onlyReplicaSet().getMetadata().getName();
    client.apps().deployments().withName("web").edit(d -> withImage(d, "web:v2"));
    cluster.awaitRollout("default", "web");

    // As kubectl rollout undo does: the template of revision 1, without its hash label
    client.apps().deployments().withName("web").edit(d -> withImage(d, "web:v1"));
    cluster.awaitRollout("default", "web");

    ReplicaSet reused = client.apps().replicaSets().withName(firstReplicaSet).get();
    assertThat(reused.getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "3");
    assertThat(reused.getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployment("web").getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "3");
    assertThat(client.apps().replicaSets().list().getItems()).hasSize(2);
  }

  @Test
  @DisplayName("old ReplicaSets beyond revisionHistoryLimit are deleted once a rollout completes")
  void revisionHistoryLimit() {
    Deployment limited =
        new DeploymentBuilder(Manifests.deployment("web", "web:v1", 1))
            .editSpec()
            .withRevisionHistoryLimit(1)
            .endSpec()
            .build();
    client.resource(limited).create();
    cluster.awaitRollout("default", "web");
    for (String tag : List.of("v2", "v3", "v4")) {
      client.apps().deployments().withName("web").edit(d -> withImage(d, "web:" + tag));
      cluster.awaitRollout("default", "web");
    }

    assertThat(replicasByRevision().keySet()).containsExactly("3", "4");
  }

  private Deployment withImage(Deployment deployment, String image) {
    deployment.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
    return deployment;
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().withName(name).get();
  }

  private ReplicaSet onlyReplicaSet() {
    List<ReplicaSet> all = client.apps().replicaSets().list().getItems();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private String oldReplicaSetName() {
    return client.apps().replicaSets().list().getItems().stream()
        .filter(
            rs ->
                rs.getMetadata()
                    .getAnnotations()
                    .get("deployment.kubernetes.io/revision")
                    .equals("1"))
        .findFirst()
        .orElseThrow()
        .getMetadata()
        .getName();
  }

  private Map<String, Integer> replicasByRevision() {
    Map<String, Integer> result = new LinkedHashMap<>();
    client.apps().replicaSets().list().getItems().stream()
        .sorted(
            Comparator.comparing(
                rs ->
                    Integer.parseInt(
                        rs.getMetadata()
                            .getAnnotations()
                            .get("deployment.kubernetes.io/revision"))))
        .forEach(
            rs ->
                result.put(
                    rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"),
                    rs.getSpec().getReplicas()));
    return result;
  }

  private static int available(Deployment deployment) {
    Integer available = deployment.getStatus().getAvailableReplicas();
    return available == null ? 0 : available;
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus().getConditions().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  static DeploymentCondition condition(Deployment deployment, String type) {
    return deployment.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }

  private static Watcher<ReplicaSet> collectInto(BlockingQueue<ReplicaSet> queue) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, ReplicaSet resource) {
        queue.add(resource);
      }

      @Override
      public void onClose(WatcherException cause) {
        // The test closes the watch.
      }
    };
  }
}
