package dev.shipmate.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Namespaces terminate before they go, and owners take their dependents with them")
class NamespaceAndGarbageIT {

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
      "a deleted namespace is Terminating, refuses new objects, then goes with everything in it")
  void namespaceTermination() {
    // Given a preview namespace with a Deployment and a ConfigMap
    client
        .resource(new NamespaceBuilder().withNewMetadata().withName("pr-123").endMetadata().build())
        .create();
    cluster.addDeployment("pr-123", "web", "web:v1", 2);
    client
        .configMaps()
        .inNamespace("pr-123")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .endMetadata()
                .addToData("a", "b")
                .build())
        .create();

    // When it is deleted
    client.namespaces().withName("pr-123").delete();

    // Then it is still there, Terminating, with its contents, and takes nothing new
    Namespace terminating = client.namespaces().withName("pr-123").get();
    assertThat(terminating.getStatus().getPhase()).isEqualTo("Terminating");
    assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(client.pods().inNamespace("pr-123").list().getItems()).hasSize(2);
    assertThatThrownBy(
            () ->
                client
                    .configMaps()
                    .inNamespace("pr-123")
                    .resource(
                        new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName("late")
                            .endMetadata()
                            .build())
                    .create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403))
        .hasMessageContaining(
            "unable to create new content in namespace pr-123 because it is being terminated");

    // When the simulated delay (5 s) passes
    cluster.advance(Duration.ofSeconds(5));

    // Then the namespace and everything in it are gone
    assertThat(client.namespaces().withName("pr-123").get()).isNull();
    assertThat(client.pods().inNamespace("pr-123").list().getItems()).isEmpty();
    assertThat(client.apps().deployments().inNamespace("pr-123").list().getItems()).isEmpty();
    assertThat(client.configMaps().inNamespace("pr-123").list().getItems()).isEmpty();
  }

  @Test
  @DisplayName("creating in a namespace that does not exist is a 404 naming the namespace")
  void missingNamespace() {
    assertThatThrownBy(
            () ->
                client
                    .resource(Manifests.deployment("web", "web:v1", 1))
                    .inNamespace("nope")
                    .create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(404))
        .hasMessageContaining("namespaces \"nope\" not found");
  }

  @Test
  @DisplayName("the default namespace cannot be deleted")
  void defaultNamespace() {
    assertThatThrownBy(() -> client.namespaces().withName("default").delete())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403));
  }

  @Test
  @DisplayName("deleting a Deployment deletes its ReplicaSets and then their pods")
  void cascadingDelete() {
    cluster.addDeployment("default", "web", "web:v1", 3);

    client.apps().deployments().withName("web").delete();
    cluster.settle();

    assertThat(client.apps().replicaSets().list().getItems()).isEmpty();
    assertThat(client.pods().list().getItems()).isEmpty();
  }

  @Test
  @DisplayName("an orphaning delete leaves the ReplicaSet and its pods running, without an owner")
  void orphanDelete() {
    cluster.addDeployment("default", "web", "web:v1", 2);

    client
        .apps()
        .deployments()
        .withName("web")
        .withPropagationPolicy(DeletionPropagation.ORPHAN)
        .delete();
    cluster.settle();

    assertThat(client.apps().replicaSets().list().getItems())
        .singleElement()
        .satisfies(rs -> assertThat(rs.getMetadata().getOwnerReferences()).isEmpty());
    assertThat(client.pods().list().getItems()).hasSize(2);
  }

  @Test
  @DisplayName("a pod deleted by hand is replaced by its ReplicaSet")
  void replacedPod() {
    cluster.addDeployment("default", "web", "web:v1", 2);
    String deleted = client.pods().list().getItems().get(0).getMetadata().getName();

    client.pods().withName(deleted).delete();
    cluster.advance(Duration.ofSeconds(5));

    assertThat(client.pods().list().getItems())
        .hasSize(2)
        .noneSatisfy(pod -> assertThat(pod.getMetadata().getName()).isEqualTo(deleted));
    assertThat(client.apps().deployments().withName("web").get().getStatus().getAvailableReplicas())
        .isEqualTo(2);
  }
}
