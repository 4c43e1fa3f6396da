package dev.shipmate.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipmate.sandbox.kubernetes.controller.pod.PodTimings;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("On real time (local mode) the cluster runs by itself")
class RealTimeIT {

  private static final PodTimings FAST =
      new PodTimings(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(100));

  @Test
  @DisplayName("a Deployment created through fabric8 rolls out with nobody driving the controllers")
  void rollsOutByItself() {
    try (SimulatedCluster cluster =
        SimulatedCluster.builder().realTime().podTimings(FAST).start()) {
      cluster.client().resource(Manifests.deployment("web", "web:v1", 2)).create();

      Deployment ready =
          cluster
              .client()
              .apps()
              .deployments()
              .withName("web")
              .waitUntilCondition(
                  d ->
                      d.getStatus() != null
                          && Integer.valueOf(2).equals(d.getStatus().getAvailableReplicas()),
                  30,
                  TimeUnit.SECONDS);

      assertThat(ready.getStatus().getUpdatedReplicas()).isEqualTo(2);
      assertThatThrownBy(() -> cluster.advance(Duration.ofSeconds(1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("real time");
    }
  }

  @Test
  @DisplayName(
      "with the autopilot on a simulation clock, changes are acted on at once but time waits for the test")
  void autopilotOnSimulatedTime() {
    try (SimulatedCluster cluster = SimulatedCluster.builder().autopilot(true).start()) {
      cluster.client().resource(Manifests.deployment("web", "web:v1", 2)).create();

      // Nobody calls settle(): the autopilot creates the ReplicaSet and its pods
      cluster
          .client()
          .pods()
          .withLabel("app", "web")
          .informOnCondition(pods -> pods.size() == 2)
          .orTimeout(30, TimeUnit.SECONDS)
          .join();
      assertThat(
              cluster
                  .client()
                  .apps()
                  .deployments()
                  .withName("web")
                  .get()
                  .getStatus()
                  .getReadyReplicas())
          .isNull();

      // Readiness still waits for simulated time
      cluster.advance(Duration.ofSeconds(5));
      assertThat(
              cluster
                  .client()
                  .apps()
                  .deployments()
                  .withName("web")
                  .get()
                  .getStatus()
                  .getReadyReplicas())
          .isEqualTo(2);
    }
  }

  @Test
  @DisplayName("the seeding helper waits for a rollout on real time too")
  void seeding() {
    try (SimulatedCluster cluster =
        SimulatedCluster.builder().realTime().podTimings(FAST).start()) {
      Deployment seeded = cluster.addDeployment("shop", "cart", "cart:v1", 3);

      assertThat(seeded.getStatus().getAvailableReplicas()).isEqualTo(3);
    }
  }
}
