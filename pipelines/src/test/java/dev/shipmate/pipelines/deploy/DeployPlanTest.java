package dev.shipmate.pipelines.deploy;

import static dev.shipmate.pipelines.kubernetes.Workloads.REPOSITORY;
import static dev.shipmate.pipelines.kubernetes.Workloads.deployment;
import static dev.shipmate.pipelines.kubernetes.Workloads.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipmate.config.Environment;
import dev.shipmate.config.Policy;
import dev.shipmate.config.Service;
import dev.shipmate.pipelines.kubernetes.DeploymentRef;
import dev.shipmate.pipelines.kubernetes.DeploymentSnapshot;
import dev.shipmate.pipelines.kubernetes.ImageChange;
import dev.shipmate.pipelines.kubernetes.Workloads;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeployPlanTest {
  private static final Environment PROD =
      new Environment("prod", "prod-eu", "prod", Policy.OPEN, Optional.empty());
  private static final Service WEB =
      new Service("web", REPOSITORY, List.of("web", "web-worker"), Optional.of("web"));

  private static DeploymentSnapshot live(Deployment deployment) {
    return new DeploymentSnapshot(deployment, List.of(), List.of());
  }

  @Test
  @DisplayName("a plan names each Deployment's current and new image, replicas and strategy")
  void plansEachDeployment() {
    // Given web at v1.1 with 10 replicas (default strategy) and a worker at v1.1 with Recreate
    Deployment web = deployment("web", image("v1.1"), 10);
    Deployment worker =
        new DeploymentBuilder(deployment("web-worker", image("v1.1"), 2))
            .editSpec()
            .withNewStrategy()
            .withType("Recreate")
            .endStrategy()
            .endSpec()
            .build();

    // When v1.2 is planned for prod
    DeployPlan plan = DeployPlan.of(WEB, PROD, List.of(live(web), live(worker)), "v1.2");

    // Then both change from v1.1 to v1.2, and the plan says how
    assertThat(plan.alreadyDeployed()).isFalse();
    assertThat(plan.toApply()).hasSize(2);
    DeploymentChange change = plan.changes().get(0);
    assertThat(change.deployment()).isEqualTo(new DeploymentRef("prod", "web"));
    assertThat(change.container()).isEqualTo("web");
    assertThat(change.currentImage()).isEqualTo(image("v1.1"));
    assertThat(change.newImage()).isEqualTo(image("v1.2"));
    assertThat(change.replicas()).isEqualTo(10);
    assertThat(plan.summary())
        .isEqualTo(
            """
            Deploy web v1.2 to prod:
            - web: registry.example.com/acme/web:v1.1 → registry.example.com/acme/web:v1.2, \
            10 replicas, RollingUpdate (max surge 25%, max unavailable 25%)
            - web-worker: registry.example.com/acme/web:v1.1 → registry.example.com/acme/web:v1.2, \
            2 replicas, Recreate (every old pod stops before new ones start)""");
  }

  @Test
  @DisplayName("a rolling strategy's own surge and unavailability are shown as set")
  void rollingUpdateParameters() {
    Deployment web =
        new DeploymentBuilder(deployment("web", image("v1.1"), 1))
            .editSpec()
            .withNewStrategy()
            .withType("RollingUpdate")
            .withNewRollingUpdate()
            .withMaxSurge(new IntOrString(1))
            .withMaxUnavailable(new IntOrString("0%"))
            .endRollingUpdate()
            .endStrategy()
            .endSpec()
            .build();
    Service single = new Service("web", REPOSITORY, List.of("web"), Optional.empty());

    DeployPlan plan = DeployPlan.of(single, PROD, List.of(live(web)), "v1.2");

    assertThat(plan.changes().get(0).describe())
        .endsWith("1 replica, RollingUpdate (max surge 1, max unavailable 0%)");
  }

  @Test
  @DisplayName("the plan records what it replaces: revision, template and resourceVersion")
  void recordsTheUndo() {
    // Given web at revision 1, resourceVersion 100
    Deployment web = deployment("web", image("v1.1"), 3);
    Service single = new Service("web", REPOSITORY, List.of("web"), Optional.of("web"));

    // When planned
    DeploymentChange change =
        DeployPlan.of(single, PROD, List.of(live(web)), "v1.2").changes().get(0);

    // Then the change keeps what was there, and its write is guarded by that resourceVersion
    assertThat(change.replacedRevision()).isEqualTo(1);
    assertThat(change.replacedTemplate()).isEqualTo(web.getSpec().getTemplate());
    ImageChange write = change.imageChange(Map.of("kubernetes.io/change-cause", "run d-1"));
    assertThat(write)
        .isEqualTo(
            new ImageChange(
                new DeploymentRef("prod", "web"),
                "web",
                image("v1.2"),
                Map.of("kubernetes.io/change-cause", "run d-1"),
                "100"));
  }

  @Test
  @DisplayName("a service already at the version is said to be, and nothing is to be done")
  void alreadyDeployed() {
    Deployment web = deployment("web", image("v1.2"), 3);
    Deployment worker = deployment("web-worker", image("v1.2"), 1);

    DeployPlan plan = DeployPlan.of(WEB, PROD, List.of(live(web), live(worker)), "v1.2");

    assertThat(plan.alreadyDeployed()).isTrue();
    assertThat(plan.toApply()).isEmpty();
    assertThat(plan.summary()).isEqualTo("web is already at v1.2 in prod: nothing to do.");
  }

  @Test
  @DisplayName("only the Deployments not yet at the version are changed")
  void partlyDeployed() {
    // Given a worker already at v1.2 (say, a deploy that stopped half way) and web at v1.1
    Deployment web = deployment("web", image("v1.1"), 3);
    Deployment worker = deployment("web-worker", image("v1.2"), 1);

    DeployPlan plan = DeployPlan.of(WEB, PROD, List.of(live(web), live(worker)), "v1.2");

    assertThat(plan.alreadyDeployed()).isFalse();
    assertThat(plan.toApply()).extracting(c -> c.deployment().name()).containsExactly("web");
    assertThat(plan.summary()).contains("- web-worker: already at v1.2, nothing to do");
  }

  @Test
  @DisplayName("every missing Deployment and unknown container is refused in one answer")
  void refusesWithEveryProblem() {
    // Given web whose container is called 'app', and no worker in prod; a worker in staging
    Deployment web = Workloads.copy(deployment("web", image("v1.1"), 3));
    web.getSpec().getTemplate().getSpec().getContainers().get(0).setName("app");
    Deployment stagingWorker = Workloads.copy(deployment("web-worker", image("v1.1"), 1));
    stagingWorker.getMetadata().setNamespace("staging");

    // Then the plan is refused with both problems and what to do about each
    assertThatThrownBy(
            () -> DeployPlan.of(WEB, PROD, List.of(live(web), live(stagingWorker)), "v1.2"))
        .isInstanceOfSatisfying(
            PlanRefusedException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "Deployment web in namespace prod has no container named 'web' (its"
                            + " containers: app): set services.web.container to one of them in"
                            + " the configuration.",
                        "Deployment web-worker not found in namespace prod (environment prod):"
                            + " create it first, or fix services.web.deployments in the"
                            + " configuration."));
  }

  @Test
  @DisplayName("several containers and no container configured is refused, naming them")
  void ambiguousContainer() {
    Deployment web = Workloads.copy(deployment("web", image("v1.1"), 3));
    web.getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .add(
            new io.fabric8.kubernetes.api.model.ContainerBuilder()
                .withName("envoy")
                .withImage("envoy:1")
                .build());
    Service unnamed = new Service("web", REPOSITORY, List.of("web"), Optional.empty());

    assertThatThrownBy(() -> DeployPlan.of(unnamed, PROD, List.of(live(web)), "v1.2"))
        .isInstanceOf(PlanRefusedException.class)
        .hasMessage(
            "Deployment web in namespace prod has 2 containers (web, envoy): say which one runs"
                + " web with services.web.container in the configuration.");
  }

  @Test
  @DisplayName("with no container configured, the only container is the service's")
  void onlyContainer() {
    Service unnamed = new Service("web", REPOSITORY, List.of("web"), Optional.empty());

    DeployPlan plan =
        DeployPlan.of(unnamed, PROD, List.of(live(deployment("web", image("v1.1"), 3))), "v1.2");

    assertThat(plan.changes().get(0).container()).isEqualTo("web");
  }

  @Test
  @DisplayName("a version that cannot be an image tag is refused before anything is read")
  void invalidVersion() {
    assertThatThrownBy(() -> DeployPlan.of(WEB, PROD, List.of(), "v1.2;rm"))
        .isInstanceOf(PlanRefusedException.class)
        .hasMessageStartingWith("'v1.2;rm' is not an image tag");
    assertThatThrownBy(() -> DeployPlan.of(WEB, PROD, List.of(), "-v1"))
        .isInstanceOf(PlanRefusedException.class);
  }

  @Test
  @DisplayName("a change cause names the run, who asked and what")
  void changeCause() {
    ChangeCause cause = ChangeCause.deploy("d-4k2p", "U01SRE1", "web", "v1.2");

    assertThat(cause.annotations())
        .containsExactly(
            Map.entry(
                "kubernetes.io/change-cause", "shipmate run d-4k2p by U01SRE1: deploy web v1.2"),
            Map.entry("shipmate.dev/run", "d-4k2p"));
    assertThat(ChangeCause.rollback("r-1", "U1", "web", "v1.1").text())
        .isEqualTo("shipmate run r-1 by U1: roll back web to v1.1");
  }
}
