package dev.shipmate.config;

import java.util.List;
import java.util.Optional;

/**
 * {@code clusters.NAME:} — a Kubernetes cluster, reached through the kubeconfig context {@code
 * context}, how its nodes are upgraded (an EKS cluster with managed node groups, self-managed Auto
 * Scaling groups, or not by Shipmate), and who may upgrade it ({@code operators}).
 */
public record Cluster(
    String name,
    String context,
    Provider provider,
    Optional<Eks> eks,
    Optional<Asg> asg,
    Policy policy) {

  /**
   * How the cluster's nodes are upgraded; NONE when Shipmate does not upgrade it (a dev cluster).
   */
  public enum Provider {
    EKS,
    ASG,
    NONE
  }

  /** {@code eks:} — the EKS cluster name, its region and the managed node groups to upgrade. */
  public record Eks(String name, String region, List<String> nodegroups) {
    public Eks {
      nodegroups = List.copyOf(nodegroups);
    }
  }

  /**
   * {@code asg:} — self-managed nodes: the region, the Auto Scaling groups of worker nodes, and the
   * group of control-plane nodes, rolled first, when the cluster runs its own.
   */
  public record Asg(String region, List<String> groups, Optional<String> controlPlane) {
    public Asg {
      groups = List.copyOf(groups);
    }
  }
}
