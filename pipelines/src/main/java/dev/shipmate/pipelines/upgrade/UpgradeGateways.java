package dev.shipmate.pipelines.upgrade;

import dev.shipmate.config.Cluster;
import dev.shipmate.pipelines.analysis.CloudWatchAlarms;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;

/** The gateways of one configured cluster: its Kubernetes API, and its AWS region's services. */
public final class UpgradeGateways {

  private final KubernetesClients kubernetes;
  private final ComputeClients aws;

  public UpgradeGateways(KubernetesClients kubernetes, ComputeClients aws) {
    this.kubernetes = kubernetes;
    this.aws = aws;
  }

  public NodeGateway nodes(Cluster cluster) {
    return new NodeGateway(kubernetes.forCluster(cluster));
  }

  /**
   * @throws IllegalStateException for a cluster without {@code asg:}
   */
  public AutoScalingGateway autoScaling(Cluster cluster) {
    return aws.autoScaling(
        cluster
            .asg()
            .orElseThrow(() -> new IllegalStateException(cluster.name() + " has no asg:"))
            .region());
  }

  /**
   * The machine images of the cluster's {@code asg:} region.
   *
   * @throws IllegalStateException for a cluster without {@code asg:}
   */
  public ImageGateway images(Cluster cluster) {
    return aws.images(
        cluster
            .asg()
            .orElseThrow(() -> new IllegalStateException(cluster.name() + " has no asg:"))
            .region());
  }

  /**
   * @throws IllegalStateException for a cluster without {@code eks:}
   */
  public EksGateway eks(Cluster cluster) {
    return aws.eks(
        cluster
            .eks()
            .orElseThrow(() -> new IllegalStateException(cluster.name() + " has no eks:"))
            .region());
  }

  /** CloudWatch alarms, for the cluster's metric checks. */
  public CloudWatchAlarms cloudWatch() {
    return aws.cloudWatch();
  }
}
