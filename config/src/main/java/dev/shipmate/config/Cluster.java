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
   * {@code asg:} — self-managed nodes: the region, the Auto Scaling groups of worker nodes, the
   * group of control-plane nodes, rolled first, when the cluster runs its own, how many nodes of a
   * group are replaced at once ({@code maxUnavailable}, as kops means it; the first node of a run
   * always goes alone, as a canary), and the machine image new nodes start ({@code image}).
   */
  public record Asg(
      String region,
      List<String> groups,
      Optional<String> controlPlane,
      int maxUnavailable,
      NodeImage image) {
    /** One node of a group at a time, unless {@code maxUnavailable} says more. */
    public static final int DEFAULT_MAX_UNAVAILABLE = 1;

    public Asg {
      groups = List.copyOf(groups);
    }

    /** Self-managed nodes on the EKS-optimized image ({@link NodeImage#DEFAULT}). */
    public Asg(
        String region, List<String> groups, Optional<String> controlPlane, int maxUnavailable) {
      this(region, groups, controlPlane, maxUnavailable, NodeImage.DEFAULT);
    }

    /** Self-managed nodes replaced one at a time, on the EKS-optimized image. */
    public Asg(String region, List<String> groups, Optional<String> controlPlane) {
      this(region, groups, controlPlane, DEFAULT_MAX_UNAVAILABLE);
    }
  }

  /**
   * {@code asg.image:} — which machine image runs a Kubernetes minor version: the newest available
   * EC2 image whose name matches {@code name} with {@code {version}} replaced (e.g. {@code 1.32};
   * EC2's wildcards {@code *} and {@code ?} allowed), owned by {@code owner} — an account id or an
   * alias such as {@code amazon} or {@code self}.
   */
  public record NodeImage(String name, String owner) {
    /** The placeholder {@code name} must contain. */
    public static final String VERSION = "{version}";

    /**
     * The EKS-optimized Amazon Linux 2023 image AWS publishes for each Kubernetes minor version.
     */
    public static final NodeImage DEFAULT =
        new NodeImage("amazon-eks-node-al2023-x86_64-standard-{version}-*", "amazon");

    /**
     * The name to look for: {@code 1.32} → {@code amazon-eks-node-al2023-x86_64-standard-1.32-*}.
     */
    public String nameFor(String version) {
      return name.replace(VERSION, version);
    }
  }
}
