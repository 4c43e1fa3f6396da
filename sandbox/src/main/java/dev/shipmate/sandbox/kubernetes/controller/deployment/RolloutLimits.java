package dev.shipmate.sandbox.kubernetes.controller.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;

/**
 * A Deployment's {@code maxSurge} and {@code maxUnavailable} resolved against its replicas, as the
 * real controller resolves them: surge percentages round up, unavailability percentages round down,
 * and if both come to zero one pod may be unavailable.
 */
record RolloutLimits(int maxSurge, int maxUnavailable) {

  static RolloutLimits of(Deployment deployment) {
    int desired = replicas(deployment);
    if (!isRollingUpdate(deployment)) {
      return new RolloutLimits(0, 0);
    }
    RollingUpdateDeployment rolling = deployment.getSpec().getStrategy().getRollingUpdate();
    IntOrString surgeValue = rolling == null ? null : rolling.getMaxSurge();
    IntOrString unavailableValue = rolling == null ? null : rolling.getMaxUnavailable();
    int surge = scaled(surgeValue == null ? new IntOrString("25%") : surgeValue, desired, true);
    int unavailable =
        scaled(
            unavailableValue == null ? new IntOrString("25%") : unavailableValue, desired, false);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    // MaxUnavailable in the real controller: never more than the replicas, zero when scaled to 0.
    int effectiveUnavailable = desired == 0 ? 0 : Math.min(unavailable, desired);
    return new RolloutLimits(surge, effectiveUnavailable);
  }

  static int replicas(Deployment deployment) {
    Integer replicas = deployment.getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }

  static boolean isRollingUpdate(Deployment deployment) {
    DeploymentStrategy strategy = deployment.getSpec().getStrategy();
    return strategy == null || !"Recreate".equals(strategy.getType());
  }

  private static int scaled(IntOrString value, int total, boolean roundUp) {
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    String text = value.getStrVal();
    if (text != null && text.endsWith("%")) {
      int percent = Integer.parseInt(text.substring(0, text.length() - 1));
      double exact = percent * total / 100.0;
      return (int) (roundUp ? Math.ceil(exact) : Math.floor(exact));
    }
    return text == null ? 0 : Integer.parseInt(text);
  }
}
