package dev.shipmate.pipelines.preview;

import static dev.shipmate.pipelines.kubernetes.Workloads.T0;
import static dev.shipmate.pipelines.kubernetes.Workloads.copy;
import static dev.shipmate.pipelines.kubernetes.Workloads.deployment;
import static dev.shipmate.pipelines.kubernetes.Workloads.image;
import static dev.shipmate.pipelines.kubernetes.Workloads.pod;
import static dev.shipmate.pipelines.kubernetes.Workloads.replicaSet;
import static dev.shipmate.pipelines.kubernetes.Workloads.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.pipelines.deploy.RolloutJudge;
import dev.shipmate.pipelines.kubernetes.DeploymentSnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReadinessJudgeTest {
  private static final Instant NOW = T0.plus(Duration.ofMinutes(10));
  private final ReadinessJudge judge =
      new ReadinessJudge(
          new RolloutJudge(Clock.fixed(NOW, ZoneOffset.UTC), RolloutJudge.DEFAULT_GRACE_PERIOD));

  private static DeploymentSnapshot available(String name) {
    return new DeploymentSnapshot(deployment(name, image("v1"), 1), List.of(), List.of());
  }

  /** Just created: generation 1 observed, nothing available yet. */
  private static Deployment starting(String name) {
    Deployment d = copy(deployment(name, image("v1"), 1));
    d.getStatus().setUpdatedReplicas(0);
    d.getStatus().setAvailableReplicas(0);
    d.getStatus().setReplicas(0);
    return d;
  }

  @Test
  @DisplayName("ready when every Deployment is available")
  void ready() {
    assertThat(judge.judge(List.of(available("web"), available("api"))))
        .isEqualTo(new Readiness.Ready(List.of("api", "web")));
  }

  @Test
  @DisplayName("ready with no Deployments at all: there is nothing to wait for")
  void nothing() {
    assertThat(judge.judge(List.of())).isEqualTo(new Readiness.Ready(List.of()));
  }

  @Test
  @DisplayName("waiting while one is not available, saying which")
  void notYet() {
    Readiness readiness =
        judge.judge(
            List.of(
                available("api"), new DeploymentSnapshot(starting("web"), List.of(), List.of())));

    assertThat(readiness)
        .isEqualTo(new Readiness.Waiting("web: 0/1 updated, 0 available", Optional.empty()));
  }

  @Test
  @DisplayName(
      "failed as soon as one has a new pod that cannot pull its image past the grace period")
  void failed() {
    Deployment web = starting("web");
    ReplicaSet set = replicaSet(web, 1, 1);
    Pod pulling =
        pod(set, "a", NOW.minus(Duration.ofMinutes(5)), waiting("web", "ImagePullBackOff", "nope"));

    Readiness readiness =
        judge.judge(
            List.of(available("api"), new DeploymentSnapshot(web, List.of(set), List.of(pulling))));

    assertThat(readiness).isInstanceOf(Readiness.Failed.class);
    Readiness.Failed failed = (Readiness.Failed) readiness;
    assertThat(failed.deployment()).isEqualTo("web");
    assertThat(failed.reason()).isEqualTo("ImagePullBackOff");
    assertThat(failed.text())
        .startsWith("web: pod web-h1-a, container web: ImagePullBackOff for 5m");
  }
}
