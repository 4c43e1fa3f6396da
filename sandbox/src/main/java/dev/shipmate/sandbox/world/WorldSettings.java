package dev.shipmate.sandbox.world;

import dev.shipmate.sandbox.kubernetes.controller.pod.PodTimings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to seed the simulated world beyond what the configuration says.
 *
 * @param directory where the kubeconfig (and an env file, if asked) are written
 * @param initialVersion the version every service runs at first, e.g. {@code v1.0}
 * @param kubernetesVersion every cluster's control plane and nodes at first, e.g. {@code 1.31.4}
 * @param nodesPerGroup instances in each Auto Scaling group and EKS node group
 * @param replicas replicas of each seeded Deployment
 * @param realTime the system clock and everything moving by itself ({@code local}); otherwise a
 *     simulation clock moved by {@link SimulatedWorld#advance}
 * @param podTimings how long every cluster's kubelets take to start a container and make it Ready
 *     (2 s and 5 s, as a small real service); a benchmark of many rollouts shortens them
 */
public record WorldSettings(
    Path directory,
    String initialVersion,
    String kubernetesVersion,
    int nodesPerGroup,
    int replicas,
    boolean realTime,
    PodTimings podTimings) {

  public WorldSettings {
    Objects.requireNonNull(podTimings, "podTimings");
  }

  /** With the kubelets' default timings. */
  public WorldSettings(
      Path directory,
      String initialVersion,
      String kubernetesVersion,
      int nodesPerGroup,
      int replicas,
      boolean realTime) {
    this(
        directory,
        initialVersion,
        kubernetesVersion,
        nodesPerGroup,
        replicas,
        realTime,
        PodTimings.defaults());
  }

  public static WorldSettings in(Path directory) {
    return new WorldSettings(directory, "v1.0", "1.31.4", 3, 2, false);
  }

  public WorldSettings withRealTime(boolean enabled) {
    return new WorldSettings(
        directory, initialVersion, kubernetesVersion, nodesPerGroup, replicas, enabled, podTimings);
  }

  public WorldSettings withInitialVersion(String version) {
    return new WorldSettings(
        directory, version, kubernetesVersion, nodesPerGroup, replicas, realTime, podTimings);
  }

  public WorldSettings withReplicas(int count) {
    return new WorldSettings(
        directory, initialVersion, kubernetesVersion, nodesPerGroup, count, realTime, podTimings);
  }

  public WorldSettings withPodTimings(PodTimings timings) {
    return new WorldSettings(
        directory, initialVersion, kubernetesVersion, nodesPerGroup, replicas, realTime, timings);
  }
}
