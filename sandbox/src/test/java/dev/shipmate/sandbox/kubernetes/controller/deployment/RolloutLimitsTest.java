package dev.shipmate.sandbox.kubernetes.controller.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("maxSurge and maxUnavailable resolve as the real controller resolves them")
class RolloutLimitsTest {

  @Test
  @DisplayName("percentages: surge rounds up, unavailability rounds down")
  void percentages() {
    assertThat(RolloutLimits.of(deployment(10, "25%", "25%"))).isEqualTo(new RolloutLimits(3, 2));
    assertThat(RolloutLimits.of(deployment(3, "25%", "25%"))).isEqualTo(new RolloutLimits(1, 0));
  }

  @Test
  @DisplayName("when both come to zero, one pod may be unavailable")
  void bothZero() {
    assertThat(RolloutLimits.of(deployment(1, 0, 0))).isEqualTo(new RolloutLimits(0, 1));
  }

  @Test
  @DisplayName("unavailability is capped at the replicas, and Recreate has neither")
  void capsAndRecreate() {
    assertThat(RolloutLimits.of(deployment(2, 1, 5))).isEqualTo(new RolloutLimits(1, 2));
    Deployment recreate =
        new DeploymentBuilder()
            .withNewSpec()
            .withReplicas(3)
            .withNewStrategy()
            .withType("Recreate")
            .endStrategy()
            .endSpec()
            .build();
    assertThat(RolloutLimits.of(recreate)).isEqualTo(new RolloutLimits(0, 0));
  }

  private static Deployment deployment(int replicas, Object surge, Object unavailable) {
    return new DeploymentBuilder()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxSurge(intOrString(surge))
        .withMaxUnavailable(intOrString(unavailable))
        .endRollingUpdate()
        .endStrategy()
        .endSpec()
        .build();
  }

  private static IntOrString intOrString(Object value) {
    return value instanceof Integer number
        ? new IntOrString(number)
        : new IntOrString((String) value);
  }
}
