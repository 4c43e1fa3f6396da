package dev.shipmate.pipelines.deploy;

import static dev.shipmate.pipelines.kubernetes.Workloads.REPOSITORY;
import static dev.shipmate.pipelines.kubernetes.Workloads.deployment;
import static dev.shipmate.pipelines.kubernetes.Workloads.image;
import static dev.shipmate.pipelines.kubernetes.Workloads.replicaSet;
import static dev.shipmate.pipelines.kubernetes.Workloads.withImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.config.Environment;
import dev.shipmate.config.Policy;
import dev.shipmate.config.Service;
import dev.shipmate.pipelines.deploy.VersionReport.DeploymentVersion;
import dev.shipmate.pipelines.deploy.VersionReport.EnvironmentVersions;
import dev.shipmate.pipelines.kubernetes.DeploymentSnapshot;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VersionReportTest {
  private static final Environment PROD =
      new Environment("prod", "prod-eu", "prod", Policy.OPEN, Optional.empty());
  private static final Environment STAGING =
      new Environment("staging", "dev", "staging", Policy.OPEN, Optional.empty());
  private static final Service WEB =
      new Service("web", REPOSITORY, List.of("web"), Optional.of("web"));
  private static final Service WEB_AND_WORKER =
      new Service("web", REPOSITORY, List.of("web", "web-worker"), Optional.of("web"));

  private static DeploymentSnapshot settled(String name, String version, int replicas) {
    Deployment deployment = deployment(name, image(version), replicas);
    return new DeploymentSnapshot(
        deployment, List.of(replicaSet(deployment, 1, replicas)), List.of());
  }

  @Test
  @DisplayName("a settled Deployment reports its image's tag")
  void settledVersion() {
    EnvironmentVersions prod =
        EnvironmentVersions.of(WEB, PROD, List.of(settled("web", "v1.2", 3)));

    assertThat(prod.text()).isEqualTo("prod: v1.2");
    assertThat(prod.deployments().get(0))
        .isEqualTo(
            new DeploymentVersion("web", Optional.of("v1.2"), Map.of("v1.2", 3), Optional.empty()));
  }

  @Test
  @DisplayName("while pods of two versions run, the report says it is rolling out and how far")
  void rollingOut() {
    // Given web set to v1.2 with 6 pods of v1.2 and 4 of v1.1 running
    Deployment v11 = deployment("web", image("v1.1"), 10);
    Deployment v12 = withImage(v11, image("v1.2"), 2);
    ReplicaSet old = replicaSet(v11, 1, 4);
    ReplicaSet current = replicaSet(v12, 2, 6);

    EnvironmentVersions prod =
        EnvironmentVersions.of(
            WEB, PROD, List.of(new DeploymentSnapshot(v12, List.of(old, current), List.of())));

    assertThat(prod.deployments().get(0).mixed()).isTrue();
    assertThat(prod.text()).isEqualTo("prod: v1.2 (rolling out: 6 pods on v1.2, 4 on v1.1)");
  }

  @Test
  @DisplayName("Deployments at one version report it once; at different versions, each is named")
  void severalDeployments() {
    EnvironmentVersions same =
        EnvironmentVersions.of(
            WEB_AND_WORKER,
            PROD,
            List.of(settled("web", "v1.2", 3), settled("web-worker", "v1.2", 1)));
    EnvironmentVersions different =
        EnvironmentVersions.of(
            WEB_AND_WORKER,
            PROD,
            List.of(settled("web", "v1.2", 3), settled("web-worker", "v1.1", 1)));

    assertThat(same.text()).isEqualTo("prod: v1.2");
    assertThat(different.text()).isEqualTo("prod: web v1.2, web-worker v1.1");
  }

  @Test
  @DisplayName("an environment without the Deployment reports it is not deployed there")
  void notDeployed() {
    assertThat(EnvironmentVersions.of(WEB, STAGING, List.of()).text())
        .isEqualTo("staging: not deployed (no Deployment web in namespace staging)");
    assertThat(
            EnvironmentVersions.of(WEB_AND_WORKER, PROD, List.of(settled("web", "v1.2", 3))).text())
        .isEqualTo(
            "prod: web v1.2, web-worker not deployed (no Deployment web-worker in namespace prod)");
  }

  @Test
  @DisplayName("an environment that could not be read says why")
  void unavailable() {
    assertThat(EnvironmentVersions.unavailable(PROD, "cluster prod-eu did not answer").text())
        .isEqualTo("prod: unknown (cluster prod-eu did not answer)");
  }

  @Test
  @DisplayName(
      "an image from another repository is shown whole; a container that cannot be told is said")
  void oddImages() {
    Deployment mirrored = deployment("web", "mirror.example.com/web:v1.2", 1);
    DeploymentSnapshot elsewhere = new DeploymentSnapshot(mirrored, List.of(), List.of());
    Service unnamed = new Service("web", REPOSITORY, List.of("web"), Optional.empty());
    Deployment twoContainers = deployment("web", image("v1.2"), 1);
    twoContainers
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .add(new ContainerBuilder().withName("envoy").withImage("envoy:1").build());

    assertThat(EnvironmentVersions.of(WEB, PROD, List.of(elsewhere)).text())
        .isEqualTo("prod: mirror.example.com/web:v1.2");
    assertThat(
            EnvironmentVersions.of(
                    unnamed,
                    PROD,
                    List.of(new DeploymentSnapshot(twoContainers, List.of(), List.of())))
                .text())
        .isEqualTo("prod: cannot tell which container runs web (containers: web, envoy)");
  }

  @Test
  @DisplayName("the report lists the service's environments one per line")
  void report() {
    VersionReport report =
        new VersionReport(
            "web",
            List.of(
                EnvironmentVersions.of(WEB, STAGING, List.of()),
                EnvironmentVersions.of(WEB, PROD, List.of(settled("web", "v1.2", 3)))));

    assertThat(report.text())
        .isEqualTo(
            """
            web:
            - staging: not deployed (no Deployment web in namespace staging)
            - prod: v1.2""");
  }
}
