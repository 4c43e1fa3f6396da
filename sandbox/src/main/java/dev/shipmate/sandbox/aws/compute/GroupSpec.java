package dev.shipmate.sandbox.aws.compute;

import dev.shipmate.sandbox.kubernetes.SimulatedCluster;
import java.util.Map;

/**
 * An Auto Scaling group to seed, and the cluster its instances join as nodes.
 *
 * @param launchTemplateName created with the group's kubelet version when it does not exist yet
 * @param kubeletVersion the version its first instances run, e.g. {@code v1.31.4}
 * @param nodeLabels labels every node of the group carries, e.g. {@code
 *     eks.amazonaws.com/nodegroup=general}
 * @param controlPlane whether the group runs the cluster's control plane (a kops-style self-managed
 *     cluster): its nodes carry the {@code node-role.kubernetes.io/control-plane} label and {@code
 *     NoSchedule} taint, and the cluster's {@code /version} follows its instances' image (see
 *     {@link SimulatedCompute})
 */
public record GroupSpec(
    String name,
    SimulatedCluster cluster,
    String launchTemplateName,
    String kubeletVersion,
    int minSize,
    int maxSize,
    int desiredCapacity,
    Map<String, String> nodeLabels,
    boolean controlPlane) {

  public GroupSpec {
    nodeLabels = Map.copyOf(nodeLabels);
    if (minSize > desiredCapacity || desiredCapacity > maxSize) {
      throw new IllegalArgumentException(
          "group "
              + name
              + ": need min <= desired <= max; got "
              + minSize
              + ", "
              + desiredCapacity
              + ", "
              + maxSize);
    }
  }

  /** A group of worker nodes. */
  public GroupSpec(
      String name,
      SimulatedCluster cluster,
      String launchTemplateName,
      String kubeletVersion,
      int minSize,
      int maxSize,
      int desiredCapacity,
      Map<String, String> nodeLabels) {
    this(
        name,
        cluster,
        launchTemplateName,
        kubeletVersion,
        minSize,
        maxSize,
        desiredCapacity,
        nodeLabels,
        false);
  }

  /** A group of {@code size} nodes that may grow by one (what a node-by-node upgrade surges to). */
  public static GroupSpec of(
      String name, SimulatedCluster cluster, String kubeletVersion, int size) {
    return new GroupSpec(
        name, cluster, name + "-nodes", kubeletVersion, size, size + 1, size, Map.of());
  }

  public GroupSpec withNodeLabel(String key, String value) {
    Map<String, String> more = new java.util.LinkedHashMap<>(nodeLabels);
    more.put(key, value);
    return new GroupSpec(
        name,
        cluster,
        launchTemplateName,
        kubeletVersion,
        minSize,
        maxSize,
        desiredCapacity,
        more,
        controlPlane);
  }

  /** The same group, running the cluster's control plane. */
  public GroupSpec asControlPlane() {
    return new GroupSpec(
        name,
        cluster,
        launchTemplateName,
        kubeletVersion,
        minSize,
        maxSize,
        desiredCapacity,
        nodeLabels,
        true);
  }
}
