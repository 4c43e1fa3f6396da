package dev.shipmate.pipelines.kubernetes;

import dev.shipmate.config.Cluster;

/** The {@link DeploymentGateway} of each configured cluster. */
@FunctionalInterface
public interface DeploymentGateways {
  DeploymentGateway on(Cluster cluster);

  /** Gateways over the clients of each cluster's kubeconfig context. */
  static DeploymentGateways fabric8(KubernetesClients clients) {
    return cluster -> new Fabric8DeploymentGateway(clients.forCluster(cluster));
  }
}
