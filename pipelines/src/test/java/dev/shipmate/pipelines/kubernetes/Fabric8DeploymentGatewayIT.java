package dev.shipmate.pipelines.kubernetes;

import static dev.shipmate.pipelines.kubernetes.Workloads.T0;
import static dev.shipmate.pipelines.kubernetes.Workloads.image;
import static dev.shipmate.pipelines.kubernetes.Workloads.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipmate.pipelines.deploy.ChangeCause;
import dev.shipmate.pipelines.deploy.UndoPlan;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The gateway against fabric8's mock API server in CRUD mode. It runs no controllers: each test
 * writes the ReplicaSets, pods and statuses a controller would.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class Fabric8DeploymentGatewayIT {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  static KubernetesClient client;

  private String namespace;
  private DeploymentRef web;
  private DeploymentGateway gateway;

  @BeforeEach
  void setUp() {
    namespace = "ns" + NAMESPACES.incrementAndGet();
    web = new DeploymentRef(namespace, "web");
    gateway = new Fabric8DeploymentGateway(client);
  }

  private <T extends HasMetadata> T create(T object) {
    return new WorkloadWriter(client, namespace).create(object);
  }

  private List<ReplicaSet> webRolledToV12() {
    return new WorkloadWriter(client, namespace).webRolledToV12();
  }

  private Deployment read() {
    return client.apps().deployments().inNamespace(namespace).withName("web").get();
  }

  @Test
  @DisplayName("a snapshot holds the Deployment, the ReplicaSets it controls and their pods only")
  void snapshotByOwnerReference() {
    // Given web's two ReplicaSets, and look-alikes with web's labels that web does not control
    List<ReplicaSet> owned = webRolledToV12();
    Pod ours = create(Workloads.pod(owned.get(1), "a", T0, running("web")));
    ReplicaSet foreign = Workloads.copy(owned.get(0));
    foreign.getMetadata().setName("impostor-h1");
    foreign.getMetadata().getOwnerReferences().get(0).setUid("someone-else");
    foreign = create(foreign);
    ReplicaSet orphan = Workloads.copy(owned.get(0));
    orphan.getMetadata().setName("orphan-h1");
    orphan.getMetadata().setOwnerReferences(null);
    create(orphan);
    create(Workloads.pod(foreign, "b", T0, running("web")));
    Pod loose = Workloads.pod(owned.get(1), "c", T0, running("web"));
    loose.getMetadata().setOwnerReferences(null);
    create(loose);

    // When web is read
    DeploymentSnapshot snapshot = gateway.snapshot(web).orElseThrow();

    // Then only what web controls is in it, and its new ReplicaSet is told after the round trip
    assertThat(
            snapshot
                .deployment()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo(image("v1.2"));
    assertThat(snapshot.replicaSets())
        .extracting(rs -> rs.getMetadata().getName())
        .containsExactlyInAnyOrder("web-h1", "web-h2");
    assertThat(snapshot.pods())
        .extracting(p -> p.getMetadata().getName())
        .containsExactly(ours.getMetadata().getName());
    assertThat(snapshot.newReplicaSet().map(rs -> rs.getMetadata().getName())).contains("web-h2");
    assertThat(snapshot.newPods()).hasSize(1);
  }

  @Test
  @DisplayName("a Deployment that is not there gives no snapshot, and no history")
  void missing() {
    assertThat(gateway.snapshot(web)).isEmpty();
    assertThatThrownBy(() -> gateway.history(web)).isInstanceOf(DeploymentNotFoundException.class);
    assertThatThrownBy(() -> gateway.watch(web, () -> {}))
        .isInstanceOf(DeploymentNotFoundException.class);
  }

  @Test
  @DisplayName("setting an image changes that container only and adds the annotations")
  void setImage() {
    // Given web with a sidecar and no annotations at all
    Deployment given = Workloads.deployment("web", image("v1.1"), 3);
    given.getMetadata().setAnnotations(null);
    given
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .add(new ContainerBuilder().withName("envoy").withImage("envoy:1.30").build());
    Deployment created = create(given);

    // When v1.2 is set on the web container with a change cause
    Map<String, String> cause = ChangeCause.deploy("d-1", "U1", "web", "v1.2").annotations();
    Deployment written =
        gateway.setImage(
            new ImageChange(
                web, "web", image("v1.2"), cause, created.getMetadata().getResourceVersion()));

    // Then the stored Deployment has the new image, the sidecar as it was, and the annotations
    Deployment stored = read();
    assertThat(PodTemplates.images(stored.getSpec().getTemplate()))
        .containsExactly(Map.entry("web", image("v1.2")), Map.entry("envoy", "envoy:1.30"));
    assertThat(stored.getMetadata().getAnnotations()).containsAllEntriesOf(cause);
    assertThat(written.getMetadata().getGeneration())
        .isGreaterThan(created.getMetadata().getGeneration());
  }

  @Test
  @DisplayName("annotations are added beside those the Deployment has")
  void setImageKeepsAnnotations() {
    Deployment created = create(Workloads.deployment("web", image("v1.1"), 3));

    gateway.setImage(
        new ImageChange(
            web,
            "web",
            image("v1.2"),
            Map.of(Revision.CHANGE_CAUSE_ANNOTATION, "run d-2"),
            created.getMetadata().getResourceVersion()));

    assertThat(read().getMetadata().getAnnotations())
        .containsEntry(Revision.REVISION_ANNOTATION, "1")
        .containsEntry(Revision.CHANGE_CAUSE_ANNOTATION, "run d-2");
  }

  @Test
  @DisplayName("setting an image on a Deployment changed since it was read writes nothing")
  void setImageConflict() {
    // Given web read at one version, then changed by someone else
    Deployment read = create(Workloads.deployment("web", image("v1.1"), 3));
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName("web")
        .edit(
            d -> {
              d.getSpec().setReplicas(5);
              return d;
            });

    // When v1.2 is set against the version read
    assertThatThrownBy(
            () ->
                gateway.setImage(
                    new ImageChange(
                        web,
                        "web",
                        image("v1.2"),
                        Map.of(),
                        read.getMetadata().getResourceVersion())))
        .isInstanceOf(ConcurrentChangeException.class)
        .hasMessageContaining("changed while Shipmate was working on it");

    // Then the image is unchanged
    assertThat(PodTemplates.images(read().getSpec().getTemplate()))
        .containsEntry("web", image("v1.1"));
  }

  @Test
  @DisplayName("setting an image on a container the Deployment does not have is refused")
  void setImageUnknownContainer() {
    Deployment created = create(Workloads.deployment("web", image("v1.1"), 3));

    assertThatThrownBy(
            () ->
                gateway.setImage(
                    new ImageChange(
                        web,
                        "app",
                        image("v1.2"),
                        Map.of(),
                        created.getMetadata().getResourceVersion())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Deployment web has no container named 'app' (its containers: web)");
  }

  @Test
  @DisplayName("an undo restores the previous template without the hash label, as kubectl does")
  void undo() {
    // Given web rolled from v1.1 to v1.2
    webRolledToV12();
    DeploymentSnapshot live = gateway.snapshot(web).orElseThrow();

    // When the previous revision is restored with the run's change cause
    UndoPlan plan = UndoPlan.toPrevious(live);
    Map<String, String> cause = ChangeCause.rollback("r-1", "U1", "web", "v1.1").annotations();
    gateway.restoreTemplate(plan.restore(cause));

    // Then the Deployment's template is v1.1's, with no pod-template-hash, and says who did it
    Deployment stored = read();
    assertThat(PodTemplates.images(stored.getSpec().getTemplate()))
        .containsExactly(Map.entry("web", image("v1.1")));
    assertThat(stored.getSpec().getTemplate().getMetadata().getLabels())
        .containsExactly(Map.entry("app", "web"));
    assertThat(stored.getMetadata().getAnnotations())
        .containsEntry(Revision.REVISION_ANNOTATION, "2")
        .containsAllEntriesOf(cause);
    assertThat(stored.getMetadata().getGeneration())
        .isGreaterThan(live.deployment().getMetadata().getGeneration());
  }

  @Test
  @DisplayName("an undo of a Deployment changed since it was read writes nothing")
  void undoConflict() {
    webRolledToV12();
    UndoPlan plan = UndoPlan.toPrevious(gateway.snapshot(web).orElseThrow());
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName("web")
        .edit(
            d -> {
              d.getSpec().setReplicas(5);
              return d;
            });

    assertThatThrownBy(() -> gateway.restoreTemplate(plan.restore(Map.of())))
        .isInstanceOf(ConcurrentChangeException.class);
    assertThat(PodTemplates.images(read().getSpec().getTemplate()))
        .containsEntry("web", image("v1.2"));
  }

  @Test
  @DisplayName("an undo of a Deployment deleted since it was read says it is gone")
  void undoGone() {
    webRolledToV12();
    UndoPlan plan = UndoPlan.toPrevious(gateway.snapshot(web).orElseThrow());
    client.apps().deployments().inNamespace(namespace).withName("web").delete();

    assertThatThrownBy(() -> gateway.restoreTemplate(plan.restore(Map.of())))
        .isInstanceOf(DeploymentNotFoundException.class)
        .hasMessageStartingWith("Deployment web not found in namespace " + namespace);
  }

  @Test
  @DisplayName("the history lists each revision with its image and change cause")
  void history() {
    List<ReplicaSet> sets = webRolledToV12();
    client
        .apps()
        .replicaSets()
        .inNamespace(namespace)
        .withName("web-h2")
        .edit(
            rs -> {
              rs.getMetadata().getAnnotations().put(Revision.CHANGE_CAUSE_ANNOTATION, "run d-3");
              return rs;
            });

    List<Revision> history = gateway.history(web);

    assertThat(history).extracting(Revision::number).containsExactly(1L, 2L);
    assertThat(history)
        .extracting(r -> r.imageOf("web").orElseThrow())
        .containsExactly(image("v1.1"), image("v1.2"));
    assertThat(history)
        .extracting(Revision::changeCause)
        .containsExactly(Optional.empty(), Optional.of("run d-3"));
    assertThat(sets).hasSize(2);
  }
}
