package dev.shipmate.pipelines.kubernetes;

import static dev.shipmate.pipelines.kubernetes.Workloads.T0;
import static dev.shipmate.pipelines.kubernetes.Workloads.deployment;
import static dev.shipmate.pipelines.kubernetes.Workloads.image;
import static dev.shipmate.pipelines.kubernetes.Workloads.pod;
import static dev.shipmate.pipelines.kubernetes.Workloads.replicaSet;
import static dev.shipmate.pipelines.kubernetes.Workloads.running;
import static dev.shipmate.pipelines.kubernetes.Workloads.withImage;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeploymentSnapshotTest {
  private final Deployment v11 = deployment("web", image("v1.1"), 3);
  private final ReplicaSet old = replicaSet(v11, 1, 1);
  private final Deployment v12 = withImage(v11, image("v1.2"), 2);
  private final ReplicaSet current = replicaSet(v12, 2, 2);

  @Test
  @DisplayName("the new ReplicaSet is the one whose template is the Deployment's but for the hash")
  void newReplicaSetByTemplate() {
    // Given a Deployment at v1.2 with the ReplicaSets of v1.1 and v1.2
    DeploymentSnapshot snapshot = new DeploymentSnapshot(v12, List.of(old, current), List.of());

    // Then the v1.2 ReplicaSet is the new one, and the v1.1 one is not
    assertThat(snapshot.newReplicaSet()).contains(current);
    assertThat(new DeploymentSnapshot(v11, List.of(old, current), List.of()).newReplicaSet())
        .contains(old);
  }

  @Test
  @DisplayName("there is no new ReplicaSet until the controller has made one for the template")
  void noNewReplicaSetYet() {
    // Given a Deployment just set to v1.2: only the v1.1 ReplicaSet exists
    DeploymentSnapshot snapshot =
        new DeploymentSnapshot(v12, List.of(old), List.of(pod(old, "a", T0, running("web"))));

    // Then there is no new ReplicaSet, and so no new pods
    assertThat(snapshot.newReplicaSet()).isEmpty();
    assertThat(snapshot.newPods()).isEmpty();
  }

  @Test
  @DisplayName("of two ReplicaSets with the Deployment's template, the older one is the new one")
  void oldestOfTwins() {
    // Given two ReplicaSets with the same template, made a minute apart
    ReplicaSet younger = replicaSet(v12, 5, 0);
    DeploymentSnapshot snapshot = new DeploymentSnapshot(v12, List.of(younger, current), List.of());

    // Then the controller's choice, the older one, is the new ReplicaSet
    assertThat(snapshot.newReplicaSet()).contains(current);
  }

  @Test
  @DisplayName("new pods are told by the new ReplicaSet's pod-template-hash")
  void newPodsByHash() {
    // Given pods of both ReplicaSets
    Pod oldPod = pod(old, "a", T0, running("web"));
    Pod newPod = pod(current, "b", T0, running("web"));
    DeploymentSnapshot snapshot =
        new DeploymentSnapshot(v12, List.of(old, current), List.of(oldPod, newPod));

    // Then only the pod of the v1.2 ReplicaSet is new
    assertThat(snapshot.newPods()).containsExactly(newPod);
  }

  @Test
  @DisplayName("the history lists ReplicaSets with a revision, oldest first, with image and cause")
  void revisions() {
    // Given ReplicaSets out of order, one with a change-cause and one without a revision
    ReplicaSet caused = replicaSet(v12, 2, 2);
    caused.getMetadata().getAnnotations().put(Revision.CHANGE_CAUSE_ANNOTATION, "run d-1");
    ReplicaSet stray = replicaSet(v11, 9, 0);
    stray.getMetadata().getAnnotations().remove(Revision.REVISION_ANNOTATION);
    DeploymentSnapshot snapshot =
        new DeploymentSnapshot(v12, List.of(caused, stray, old), List.of());

    // Then the history is revision 1 then 2, each with its image
    assertThat(snapshot.revisions())
        .containsExactly(
            new Revision(1, "web-h1", java.util.Map.of("web", image("v1.1")), Optional.empty(), 1),
            new Revision(
                2, "web-h2", java.util.Map.of("web", image("v1.2")), Optional.of("run d-1"), 2));
    assertThat(snapshot.revision()).isEqualTo(2);
    assertThat(snapshot.ref()).isEqualTo(new DeploymentRef("prod", "web"));
  }

  @Test
  @DisplayName("removing the hash label copies the template and leaves the original alone")
  void withoutHashCopies() {
    PodTemplateSpec template = current.getSpec().getTemplate();

    PodTemplateSpec bare = PodTemplates.withoutHash(template);

    assertThat(bare.getMetadata().getLabels()).doesNotContainKey(PodTemplates.HASH_LABEL);
    assertThat(template.getMetadata().getLabels()).containsKey(PodTemplates.HASH_LABEL);
  }

  @Test
  @DisplayName("templates compare as the API does: an empty list or map equals an absent one")
  void semanticEquality() {
    // Given two templates that differ only by an empty versus an absent env and label map
    PodTemplateSpec a = Workloads.copy(v11.getSpec().getTemplate());
    PodTemplateSpec b = Workloads.copy(v11.getSpec().getTemplate());
    a.getSpec().getContainers().get(0).setEnv(List.of());
    b.getSpec().getContainers().get(0).setEnv(null);
    a.getMetadata().setAnnotations(java.util.Map.of());

    // Then they are equal; a different image is not
    assertThat(PodTemplates.equalIgnoringHash(a, b)).isTrue();
    assertThat(PodTemplates.equalIgnoringHash(a, v12.getSpec().getTemplate())).isFalse();
  }

  @Test
  @DisplayName("a Deployment without a revision annotation is at revision 0")
  void noRevision() {
    Deployment bare = Workloads.copy(v11);
    bare.getMetadata().setAnnotations(null);

    assertThat(new DeploymentSnapshot(bare, List.of(), List.of()).revision()).isZero();
  }
}
