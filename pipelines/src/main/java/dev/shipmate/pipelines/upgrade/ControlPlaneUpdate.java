package dev.shipmate.pipelines.upgrade;

/**
 * The output of {@code control-plane}: the EKS update it started, or an empty id when it found one
 * already under way (after a restart) and the cluster's status is followed instead.
 */
public record ControlPlaneUpdate(String updateId) {
  public boolean known() {
    return updateId != null && !updateId.isEmpty();
  }
}
