package dev.shipmate.pipelines.upgrade;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ErrorDetail;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.Update;

/** An EKS control plane and its managed node groups (AWS SDK v2, synchronous client). */
public final class EksGateway {

  private final EksClient eks;

  public EksGateway(EksClient eks) {
    this.eks = eks;
  }

  /**
   * The control plane.
   *
   * @param status {@code ACTIVE}, {@code UPDATING} …
   */
  public record ControlPlane(MinorVersion version, String status) {}

  /**
   * A managed node group.
   *
   * @param status {@code ACTIVE}, {@code UPDATING}, {@code DEGRADED} …
   * @param modifiedAt when EKS last changed it (an update begun or ended)
   */
  public record ManagedNodegroup(
      String name,
      MinorVersion version,
      String status,
      int minSize,
      int maxSize,
      int desiredSize,
      Instant modifiedAt) {}

  /**
   * An update's state.
   *
   * @param status {@code InProgress}, {@code Successful}, {@code Failed}, {@code Cancelled}
   * @param errors EKS's error codes and messages, for a failed one
   */
  public record UpdateState(String status, List<String> errors) {
    public boolean inProgress() {
      return "InProgress".equals(status);
    }

    public boolean successful() {
      return "Successful".equals(status);
    }
  }

  public ControlPlane controlPlane(String cluster) {
    Cluster described = eks.describeCluster(r -> r.name(cluster)).cluster();
    return new ControlPlane(MinorVersion.of(described.version()), described.statusAsString());
  }

  /** Starts the control plane's update to {@code version}; returns the update's id. */
  public String updateControlPlane(String cluster, MinorVersion version) {
    return eks.updateClusterVersion(r -> r.name(cluster).version(version.toString())).update().id();
  }

  public UpdateState update(String cluster, String updateId) {
    Update update = eks.describeUpdate(r -> r.name(cluster).updateId(updateId)).update();
    return new UpdateState(
        update.statusAsString(), update.errors().stream().map(EksGateway::describe).toList());
  }

  public ManagedNodegroup nodegroup(String cluster, String nodegroup) {
    Nodegroup group =
        eks.describeNodegroup(r -> r.clusterName(cluster).nodegroupName(nodegroup)).nodegroup();
    return new ManagedNodegroup(
        group.nodegroupName(),
        MinorVersion.of(group.version()),
        group.statusAsString(),
        group.scalingConfig().minSize(),
        group.scalingConfig().maxSize(),
        group.scalingConfig().desiredSize(),
        group.modifiedAt());
  }

  /**
   * Starts the node group's update to {@code version} (EKS replaces its nodes one by one).
   *
   * @param force whether EKS deletes pods their budgets keep instead of giving up on the update
   */
  public String updateNodegroup(
      String cluster, String nodegroup, MinorVersion version, boolean force) {
    return eks.updateNodegroupVersion(
            r ->
                r.clusterName(cluster)
                    .nodegroupName(nodegroup)
                    .version(version.toString())
                    .force(force))
        .update()
        .id();
  }

  private static String describe(ErrorDetail error) {
    return error.errorCodeAsString() + ": " + error.errorMessage();
  }
}
