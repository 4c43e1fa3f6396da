package dev.shipmate.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;

/** What {@code kubectl rollout status} would conclude about a Deployment. */
enum RolloutCheck {
  DONE,
  WAITING,
  FAILED;

  static RolloutCheck of(Deployment deployment) {
    var status = deployment.getStatus();
    if (status == null
        || status.getObservedGeneration() == null
        || status.getObservedGeneration() < deployment.getMetadata().getGeneration()) {
      return WAITING;
    }
    if (status.getConditions() != null) {
      for (DeploymentCondition condition : status.getConditions()) {
        if ("Progressing".equals(condition.getType())
            && "ProgressDeadlineExceeded".equals(condition.getReason())) {
          return FAILED;
        }
      }
    }
    int replicas =
        deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
    int updated = value(status.getUpdatedReplicas());
    if (updated < replicas
        || value(status.getReplicas()) > updated
        || value(status.getAvailableReplicas()) < updated) {
      return WAITING;
    }
    return DONE;
  }

  private static int value(Integer number) {
    return number == null ? 0 : number;
  }
}
