package dev.shipmate.sandbox.kubernetes.controller.deployment;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Deployment's conditions, changed with the real controller's rules: setting a condition with the
 * same status and reason changes nothing (not even its update time), and a condition that keeps its
 * status keeps its transition time.
 */
final class DeploymentConditions {

  static final String PROGRESSING = "Progressing";
  static final String AVAILABLE = "Available";

  private final List<DeploymentCondition> conditions;

  DeploymentConditions(List<DeploymentCondition> existing) {
    this.conditions = new ArrayList<>();
    if (existing != null) {
      existing.forEach(
          condition -> conditions.add(new DeploymentConditionBuilder(condition).build()));
    }
  }

  Optional<DeploymentCondition> get(String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  void set(String type, String status, String reason, String message, String now) {
    Optional<DeploymentCondition> current = get(type);
    if (current.isPresent()
        && status.equals(current.get().getStatus())
        && reason.equals(current.get().getReason())) {
      return;
    }
    String transition =
        current.isPresent() && status.equals(current.get().getStatus())
            ? current.get().getLastTransitionTime()
            : now;
    replace(type, status, reason, message, now, transition);
  }

  /** Sets a condition with a fresh update time even when status and reason are unchanged. */
  void refresh(String type, String status, String reason, String message, String now) {
    Optional<DeploymentCondition> current = get(type);
    String transition =
        current.isPresent() && "True".equals(current.get().getStatus()) && status.equals("True")
            ? current.get().getLastTransitionTime()
            : now;
    replace(type, status, reason, message, now, transition);
  }

  List<DeploymentCondition> toList() {
    return List.copyOf(conditions);
  }

  private void replace(
      String type, String status, String reason, String message, String now, String transition) {
    conditions.removeIf(c -> type.equals(c.getType()));
    conditions.add(
        new DeploymentConditionBuilder()
            .withType(type)
            .withStatus(status)
            .withReason(reason)
            .withMessage(message)
            .withLastUpdateTime(now)
            .withLastTransitionTime(transition)
            .build());
  }
}
