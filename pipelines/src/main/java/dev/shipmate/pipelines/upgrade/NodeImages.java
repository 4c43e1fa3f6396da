package dev.shipmate.pipelines.upgrade;

import dev.shipmate.config.Cluster;

/**
 * Which machine image runs a Kubernetes minor version's kubelet on a cluster: what a self-managed
 * group's new launch template version starts.
 */
@FunctionalInterface
public interface NodeImages {

  /**
   * The image id for {@code version} on {@code cluster} (a cluster with {@code asg:}).
   *
   * @throws UpgradeRefusedException when no image runs that version
   */
  String imageFor(Cluster cluster, MinorVersion version);

  /**
   * The newest available EC2 image named by the cluster's {@code asg.image} (by default the
   * EKS-optimized Amazon Linux 2023 image AWS publishes), looked up with DescribeImages in the
   * cluster's region, as kops looks up its images.
   */
  static NodeImages describedBy(UpgradeGateways gateways) {
    return new DescribedNodeImages(gateways);
  }
}
