package dev.shipmate.pipelines.deploy;

import static dev.shipmate.pipelines.kubernetes.Workloads.REPOSITORY;
import static dev.shipmate.pipelines.kubernetes.Workloads.copy;
import static dev.shipmate.pipelines.kubernetes.Workloads.deployment;
import static dev.shipmate.pipelines.kubernetes.Workloads.image;
import static dev.shipmate.pipelines.kubernetes.Workloads.replicaSet;
import static dev.shipmate.pipelines.kubernetes.Workloads.withImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipmate.config.Service;
import dev.shipmate.pipelines.kubernetes.DeploymentRef;
import dev.shipmate.pipelines.kubernetes.DeploymentSnapshot;
import dev.shipmate.pipelines.kubernetes.PodTemplates;
import dev.shipmate.pipelines.kubernetes.Revision;
import dev.shipmate.pipelines.kubernetes.TemplateRestore;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UndoPlanTest {
  private static final Service WEB =
      new Service("web", REPOSITORY, List.of("web"), Optional.of("web"));
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  // web went v1.0 (revision 3), v1.1 (revision 5), v1.2 (revision 7): numbers with gaps, as after
  // earlier rollbacks.
  private final Deployment v10 = deployment("web", image("v1.0"), 4);
  private final ReplicaSet rev3 = replicaSet(v10, 3, 0);
  private final Deployment v11 = withImage(v10, image("v1.1"), 5);
  private final ReplicaSet rev5 = replicaSet(v11, 5, 0);
  private final Deployment v12 = withImage(v11, image("v1.2"), 7);
  private final ReplicaSet rev7 = replicaSet(v12, 7, 4);

  private DeploymentSnapshot live(Deployment deployment, ReplicaSet... replicaSets) {
    return new DeploymentSnapshot(deployment, List.of(replicaSets), List.of());
  }

  @Test
  @DisplayName("back to the previous revision: the second-highest, without its hash label")
  void previousRevision() {
    // Given web at revision 7 with revisions 3 and 5 kept, listed out of order
    UndoPlan plan = UndoPlan.toPrevious(live(v12, rev5, rev7, rev3));

    // Then revision 5 (v1.1) goes back, its template stripped of pod-template-hash
    assertThat(plan.deployment()).isEqualTo(new DeploymentRef("prod", "web"));
    assertThat(plan.fromRevision()).isEqualTo(7);
    assertThat(plan.toRevision()).isEqualTo(5);
    assertThat(plan.replicaSet()).contains("web-h5");
    assertThat(plan.images()).containsExactly(Map.entry("web", image("v1.1")));
    assertThat(plan.template().getMetadata().getLabels()).containsExactly(Map.entry("app", "web"));
    assertThat(plan.expectedResourceVersion()).isEqualTo("100");
    assertThat(plan.alreadyCurrent()).isFalse();
    assertThat(plan.describe())
        .isEqualTo("prod/web: revision 7 → revision 5 (web: " + image("v1.1") + ")");
  }

  @Test
  @DisplayName(
      "annotations as kubectl computes them: the Deployment's bookkeeping, the rest from the revision")
  void kubectlAnnotations() {
    // Given a Deployment with bookkeeping and its own change-cause, and a revision with another
    Deployment deployment = copy(v12);
    deployment.getMetadata().getAnnotations().put(LAST_APPLIED, "{…}");
    deployment.getMetadata().getAnnotations().put(Revision.CHANGE_CAUSE_ANNOTATION, "deploy v1.2");
    deployment.getMetadata().getAnnotations().put("team", "web");
    ReplicaSet previous = copy(rev5);
    previous.getMetadata().getAnnotations().put(Revision.CHANGE_CAUSE_ANNOTATION, "deploy v1.1");
    previous.getMetadata().getAnnotations().put("deployment.kubernetes.io/desired-replicas", "4");

    UndoPlan plan = UndoPlan.toPrevious(live(deployment, previous, rev7));

    // Then the Deployment keeps its revision and last-applied, takes the revision's change-cause,
    // and loses what only it had (as kubectl's patch replaces the whole map)
    assertThat(plan.annotations())
        .containsOnly(
            Map.entry(Revision.REVISION_ANNOTATION, "7"),
            Map.entry(LAST_APPLIED, "{…}"),
            Map.entry(Revision.CHANGE_CAUSE_ANNOTATION, "deploy v1.1"));
  }

  @Test
  @DisplayName("the restore write lays the run's change cause over kubectl's annotations")
  void restoreWrite() {
    UndoPlan plan = UndoPlan.toPrevious(live(v12, rev5, rev7));

    TemplateRestore restore =
        plan.restore(ChangeCause.rollback("r-1", "U1", "web", "revision 5").annotations());

    assertThat(restore.deployment()).isEqualTo(plan.deployment());
    assertThat(restore.template()).isEqualTo(plan.template());
    assertThat(restore.expectedResourceVersion()).isEqualTo("100");
    assertThat(restore.annotations())
        .containsEntry(
            Revision.CHANGE_CAUSE_ANNOTATION, "shipmate run r-1 by U1: roll back web to revision 5")
        .containsEntry(ChangeCause.RUN_ANNOTATION, "r-1")
        .containsEntry(Revision.REVISION_ANNOTATION, "7");
  }

  @Test
  @DisplayName("a paused Deployment is not rolled back, and the answer says how to resume it")
  void paused() {
    Deployment deployment = copy(v12);
    deployment.getSpec().setPaused(true);

    assertThatThrownBy(() -> UndoPlan.toPrevious(live(deployment, rev5, rev7)))
        .isInstanceOf(PlanRefusedException.class)
        .hasMessage(
            "Deployment web in namespace prod is paused, and a paused Deployment is not rolled"
                + " back: resume it first (kubectl rollout resume deployment/web -n prod) and try"
                + " again.");
    assertThatThrownBy(() -> UndoPlan.toVersion(live(deployment, rev5, rev7), WEB, "v1.1"))
        .isInstanceOf(PlanRefusedException.class);
    assertThatThrownBy(
            () -> UndoPlan.toTemplate(live(deployment, rev5, rev7), v11.getSpec().getTemplate()))
        .isInstanceOf(PlanRefusedException.class);
  }

  @Test
  @DisplayName("with no earlier revision there is nothing to roll back to, and the answer says so")
  void noPreviousRevision() {
    assertThatThrownBy(() -> UndoPlan.toPrevious(live(v12, rev7)))
        .isInstanceOf(PlanRefusedException.class)
        .hasMessage(
            "Deployment web in namespace prod has no earlier revision to roll back to (only"
                + " revision 7 is kept).");
    assertThatThrownBy(() -> UndoPlan.toPrevious(live(v12)))
        .isInstanceOf(PlanRefusedException.class)
        .hasMessageEndingWith("(it has no rollout history).");
  }

  @Test
  @DisplayName("back to a version: the newest revision whose service container ran it")
  void toVersion() {
    // Given v1.1 ran at revisions 5 and, later, 6 (with a different setting)
    Deployment v11again = copy(v11);
    v11again.getSpec().getTemplate().getSpec().getContainers().get(0).setArgs(List.of("--fast"));
    ReplicaSet rev6 = replicaSet(v11again, 6, 0);

    UndoPlan plan = UndoPlan.toVersion(live(v12, rev3, rev5, rev6, rev7), WEB, "v1.1");

    assertThat(plan.toRevision()).isEqualTo(6);
    assertThat(plan.template().getSpec().getContainers().get(0).getArgs())
        .containsExactly("--fast");
  }

  @Test
  @DisplayName("a version no kept revision ran is refused, listing the versions that can be had")
  void unknownVersion() {
    assertThatThrownBy(() -> UndoPlan.toVersion(live(v12, rev3, rev5, rev7), WEB, "v0.9"))
        .isInstanceOf(PlanRefusedException.class)
        .hasMessage(
            "No kept revision of Deployment web in namespace prod ran "
                + image("v0.9")
                + ". Kept revisions: 3 (v1.0), 5 (v1.1), 7 (v1.2). Roll back to one of those"
                + " versions, or deploy v0.9 instead.");
  }

  @Test
  @DisplayName("back to the version it runs already: nothing to do")
  void alreadyAtVersion() {
    UndoPlan plan = UndoPlan.toVersion(live(v12, rev5, rev7), WEB, "v1.2");

    assertThat(plan.alreadyCurrent()).isTrue();
    assertThat(plan.toRevision()).isEqualTo(7);
    assertThat(plan.describe()).endsWith("nothing to do");
  }

  @Test
  @DisplayName("a recorded template goes back through the ReplicaSet that still has it")
  void recordedTemplateKept() {
    // Given the template a deploy recorded before setting v1.2 (the Deployment's, so no hash)
    PodTemplateSpec recorded = v11.getSpec().getTemplate();

    UndoPlan plan = UndoPlan.toTemplate(live(v12, rev3, rev5, rev7), recorded);

    assertThat(plan.toRevision()).isEqualTo(5);
    assertThat(plan.replicaSet()).contains("web-h5");
    assertThat(PodTemplates.equalIgnoringHash(plan.template(), recorded)).isTrue();
    assertThat(plan.template().getMetadata().getLabels())
        .doesNotContainKey(PodTemplates.HASH_LABEL);
  }

  @Test
  @DisplayName("a recorded template no longer in the history goes back as recorded")
  void recordedTemplatePruned() {
    // Given the history no longer has v1.1's ReplicaSet
    PodTemplateSpec recorded = v11.getSpec().getTemplate();

    UndoPlan plan = UndoPlan.toTemplate(live(v12, rev7), recorded);

    // Then the recorded template goes back, and the Deployment's annotations stay as they are
    assertThat(plan.toRevision()).isZero();
    assertThat(plan.replicaSet()).isEmpty();
    assertThat(plan.template()).isEqualTo(recorded);
    assertThat(plan.annotations()).isEqualTo(v12.getMetadata().getAnnotations());
    assertThat(plan.alreadyCurrent()).isFalse();
    assertThat(plan.describe()).startsWith("prod/web: revision 7 → the recorded template");
  }

  @Test
  @DisplayName("a recorded template that is the Deployment's already: nothing to do")
  void recordedTemplateCurrent() {
    assertThat(UndoPlan.toTemplate(live(v12, rev7), v12.getSpec().getTemplate()).alreadyCurrent())
        .isTrue();
    assertThat(UndoPlan.toTemplate(live(v12), v12.getSpec().getTemplate()).alreadyCurrent())
        .isTrue();
  }
}
