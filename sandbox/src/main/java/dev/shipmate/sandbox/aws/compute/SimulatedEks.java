package dev.shipmate.sandbox.aws.compute;

import dev.shipmate.sandbox.aws.AwsError;
import dev.shipmate.sandbox.aws.FaultPlan;
import dev.shipmate.sandbox.aws.Timeline;
import dev.shipmate.sandbox.kubernetes.SimulatedCluster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * EKS clusters and managed node groups over simulated clusters. A control-plane update moves the
 * simulated cluster's version after {@link #controlPlaneUpdateDelay}, one minor version at a time;
 * a node group update replaces the group's nodes one at a time, as EKS does with {@code
 * maxUnavailable} 1: a new node at the new version joins, the old one is cordoned and drained
 * through the Eviction API (disruption budgets hold; retried every 5 s, given up after 15 minutes
 * unless forced), then terminated.
 */
public final class SimulatedEks {

  public static final Duration DEFAULT_CONTROL_PLANE_UPDATE = Duration.ofMinutes(8);
  static final Duration DRAIN_RETRY = Duration.ofSeconds(5);
  static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(15);

  private static final class Cluster {
    final String name;
    final SimulatedCluster simulated;
    final Instant createdAt;
    String status = "ACTIVE";
    String version;
    int platform = 1;
    final Map<String, Nodegroup> nodegroups = new LinkedHashMap<>();

    Cluster(String name, SimulatedCluster simulated, Instant createdAt) {
      this.name = name;
      this.simulated = simulated;
      this.createdAt = createdAt;
      this.version = KubeletVersions.minorOf(simulated.kubernetesVersion());
    }
  }

  private static final class Nodegroup {
    final String name;
    final String groupName;
    final Instant createdAt;

    /** Its scaling config's desired size: an update surges one node above it, never more. */
    final int size;

    String status = "ACTIVE";
    String version;
    Instant modifiedAt;

    Nodegroup(String name, String groupName, String version, int size, Instant createdAt) {
      this.name = name;
      this.groupName = groupName;
      this.version = version;
      this.size = size;
      this.createdAt = createdAt;
      this.modifiedAt = createdAt;
    }
  }

  private final Clock clock;
  private final Timeline timeline;
  private final SimulatedCompute compute;
  private final FaultPlan faults = new FaultPlan();
  private final Map<String, Cluster> clusters = new LinkedHashMap<>();
  private final Map<String, EksUpdate> updates = new LinkedHashMap<>();
  private volatile Duration controlPlaneUpdateDelay = DEFAULT_CONTROL_PLANE_UPDATE;
  private long updateCount;

  public SimulatedEks(Clock clock, Timeline timeline, SimulatedCompute compute) {
    this.clock = clock;
    this.timeline = timeline;
    this.compute = compute;
  }

  public FaultPlan faults() {
    return faults;
  }

  public void setControlPlaneUpdateDelay(Duration delay) {
    this.controlPlaneUpdateDelay = delay;
  }

  /** An EKS cluster over a simulated one, at the simulated cluster's minor version. */
  public synchronized void createCluster(String name, SimulatedCluster simulated) {
    clusters.put(name, new Cluster(name, simulated, clock.instant()));
  }

  /**
   * A managed node group of {@code size} nodes at the cluster's version, backed by an Auto Scaling
   * group named {@code eks-<nodegroup>-<id>} whose nodes carry {@code eks.amazonaws.com/nodegroup}.
   */
  public synchronized GroupView createNodegroup(String clusterName, String nodegroup, int size) {
    Cluster cluster = cluster(clusterName);
    String groupName =
        "eks-" + nodegroup + "-" + UUID.nameUUIDFromBytes((clusterName + nodegroup).getBytes());
    GroupView group =
        compute.createGroup(
            new GroupSpec(
                    groupName,
                    cluster.simulated,
                    "eks-" + clusterName + "-" + nodegroup,
                    cluster.simulated.kubernetesVersion(),
                    Math.max(1, size - 1),
                    size + 1,
                    size,
                    Map.of())
                .withNodeLabel("eks.amazonaws.com/nodegroup", nodegroup)
                .withNodeLabel("eks.amazonaws.com/capacityType", "ON_DEMAND"));
    cluster.nodegroups.put(
        nodegroup, new Nodegroup(nodegroup, groupName, cluster.version, size, clock.instant()));
    return group;
  }

  public synchronized ClusterView describeCluster(String name) {
    Cluster cluster = cluster(name);
    return new ClusterView(
        cluster.name,
        cluster.version,
        cluster.status,
        "eks." + cluster.platform,
        cluster.simulated.url().toString(),
        cluster.createdAt);
  }

  public synchronized List<String> nodegroups(String clusterName) {
    return List.copyOf(cluster(clusterName).nodegroups.keySet());
  }

  public synchronized NodegroupView nodegroup(String clusterName, String nodegroup) {
    Cluster cluster = cluster(clusterName);
    Nodegroup group = nodegroup(cluster, nodegroup);
    GroupView asg = compute.group(group.groupName);
    return new NodegroupView(
        group.name,
        cluster.name,
        group.version,
        asg.launchTemplate().kubeletVersion().substring(1),
        group.status,
        asg.minSize(),
        asg.maxSize(),
        asg.desiredCapacity(),
        group.groupName,
        asg.launchTemplate(),
        group.createdAt,
        group.modifiedAt);
  }

  /**
   * UpdateClusterVersion.
   *
   * @throws AwsError {@code ResourceInUseException} while an update runs, {@code
   *     InvalidParameterException} for anything but the next minor version
   */
  public synchronized EksUpdate updateClusterVersion(String clusterName, String version) {
    Cluster cluster = cluster(clusterName);
    if (!"ACTIVE".equals(cluster.status)) {
      throw new AwsError(409, "ResourceInUseException", "Cluster has an update in progress", true);
    }
    String target = KubeletVersions.minorOf(version);
    if (!target.equals(nextMinor(cluster.version))) {
      throw AwsError.badRequest(
          "InvalidParameterException",
          "Unsupported Kubernetes minor version update from " + cluster.version + " to " + target);
    }
    cluster.status = "UPDATING";
    EksUpdate update =
        newUpdate(
            Map.of("Version", target, "PlatformVersion", "eks." + (cluster.platform + 1)), null);
    timeline.schedule(
        clock.instant().plus(controlPlaneUpdateDelay),
        "EKS " + clusterName + " control plane reaches " + target,
        () -> finishControlPlane(clusterName, target, update.id()));
    return update;
  }

  private synchronized void finishControlPlane(String clusterName, String target, String updateId) {
    Cluster cluster = clusters.get(clusterName);
    cluster.version = target;
    cluster.platform++;
    cluster.status = "ACTIVE";
    cluster.simulated.setKubernetesVersion(KubeletVersions.newestPatch(target));
    updates.put(updateId, updates.get(updateId).finished("Successful", Map.of()));
  }

  /**
   * UpdateNodegroupVersion: to the cluster's version (or {@code version}, which may not be newer),
   * or to a launch template version.
   *
   * @throws AwsError {@code ResourceInUseException} while the group updates, {@code
   *     InvalidParameterException} for a version newer than the control plane's
   */
  public synchronized EksUpdate updateNodegroupVersion(
      String clusterName,
      String nodegroupName,
      String version,
      String templateId,
      String templateName,
      String templateVersion,
      boolean force) {
    Cluster cluster = cluster(clusterName);
    Nodegroup group = nodegroup(cluster, nodegroupName);
    if (!"ACTIVE".equals(group.status)) {
      throw new AwsError(
          409,
          "ResourceInUseException",
          "Nodegroup " + nodegroupName + " already has an update in progress",
          true);
    }
    String target = version == null ? cluster.version : KubeletVersions.minorOf(version);
    if (compareMinor(target, cluster.version) > 0) {
      throw AwsError.badRequest(
          "InvalidParameterException",
          "Requested Nodegroup version "
              + target
              + " is invalid. Nodegroup version must not be newer than the cluster version "
              + cluster.version
              + ".");
    }
    LaunchTemplateVersion current = compute.group(group.groupName).launchTemplate();
    LaunchTemplateVersion next;
    if (templateId != null || templateName != null) {
      compute.updateGroup(
          group.groupName, templateId, templateName, templateVersion, null, null, null);
      next = compute.group(group.groupName).launchTemplate();
      target = KubeletVersions.minorOf(next.kubeletVersion());
    } else {
      next =
          compute.createLaunchTemplateVersion(
              current.templateId(),
              null,
              null,
              "EKS managed node group update to " + target,
              KubeletVersions.imageFor(KubeletVersions.newestPatch(target)),
              null);
      compute.updateGroup(
          group.groupName,
          current.templateId(),
          null,
          Long.toString(next.number()),
          null,
          null,
          null);
    }
    group.status = "UPDATING";
    group.modifiedAt = clock.instant();
    EksUpdate update =
        newUpdate(
            Map.of("Version", target, "ReleaseVersion", next.kubeletVersion().substring(1)),
            nodegroupName);
    String finalTarget = target;
    timeline.schedule(
        clock.instant(),
        "EKS " + nodegroupName + " replaces its first node",
        () -> replaceNext(clusterName, nodegroupName, update.id(), finalTarget, force));
    return update;
  }

  /** Replaces the next node still on an old launch template, or finishes the update. */
  private void replaceNext(
      String clusterName, String nodegroupName, String updateId, String target, boolean force) {
    String groupName;
    Instance old;
    synchronized (this) {
      Nodegroup nodegroup = nodegroup(cluster(clusterName), nodegroupName);
      groupName = nodegroup.groupName;
      GroupView group = compute.group(groupName);
      Optional<Instance> stale =
          group.instances().stream()
              .filter(i -> i.launchTemplate().number() != group.launchTemplate().number())
              .findFirst();
      if (stale.isEmpty()) {
        finishNodegroup(clusterName, nodegroupName, updateId, target, "Successful", Map.of());
        return;
      }
      old = stale.get();
      // The surge node of an update that failed is still there: a new update uses it.
      if (group.desiredCapacity() <= nodegroup.size) {
        compute.setDesiredCapacity(groupName, group.desiredCapacity() + 1);
      }
    }
    Instant drainFrom = clock.instant().plus(compute.joinDelay());
    timeline.schedule(
        drainFrom,
        "EKS " + nodegroupName + " drains " + old.nodeName(),
        () -> drain(clusterName, nodegroupName, updateId, target, force, old, drainFrom));
  }

  private void drain(
      String clusterName,
      String nodegroupName,
      String updateId,
      String target,
      boolean force,
      Instance old,
      Instant started) {
    SimulatedCluster simulated;
    synchronized (this) {
      simulated = cluster(clusterName).simulated;
    }
    boolean timedOut = !clock.instant().isBefore(started.plus(DRAIN_TIMEOUT));
    // With force, pods a budget protects are deleted rather than evicted, as EKS forces them.
    boolean drained = NodeDrain.attempt(simulated.client(), old.nodeName(), force);
    if (!drained && timedOut) {
      synchronized (this) {
        finishNodegroup(
            clusterName,
            nodegroupName,
            updateId,
            target,
            "Failed",
            Map.of(
                "PodEvictionFailure",
                "Reached max retries while trying to evict pods from nodes in node group "
                    + nodegroupName));
      }
      return;
    }
    if (!drained) {
      timeline.schedule(
          clock.instant().plus(DRAIN_RETRY),
          "EKS " + nodegroupName + " retries draining " + old.nodeName(),
          () -> drain(clusterName, nodegroupName, updateId, target, force, old, started));
      return;
    }
    compute.terminate(old.id(), true);
    timeline.schedule(
        clock.instant(),
        "EKS " + nodegroupName + " replaces its next node",
        () -> replaceNext(clusterName, nodegroupName, updateId, target, force));
  }

  private void finishNodegroup(
      String clusterName,
      String nodegroupName,
      String updateId,
      String target,
      String status,
      Map<String, String> errors) {
    Nodegroup group = nodegroup(cluster(clusterName), nodegroupName);
    if ("Successful".equals(status)) {
      group.version = target;
    }
    group.status = "ACTIVE";
    group.modifiedAt = clock.instant();
    updates.put(updateId, updates.get(updateId).finished(status, errors));
  }

  /**
   * @throws AwsError {@code ResourceNotFoundException}
   */
  public synchronized EksUpdate update(String clusterName, String updateId) {
    cluster(clusterName);
    EksUpdate update = updates.get(updateId);
    if (update == null) {
      throw AwsError.notFound("ResourceNotFoundException", "No update found for ID: " + updateId);
    }
    return update;
  }

  public synchronized List<EksUpdate> updates() {
    return new ArrayList<>(updates.values());
  }

  private EksUpdate newUpdate(Map<String, String> params, String nodegroup) {
    String id = UUID.nameUUIDFromBytes(("update-" + ++updateCount).getBytes()).toString();
    EksUpdate update =
        new EksUpdate(
            id, "VersionUpdate", "InProgress", params, clock.instant(), Map.of(), nodegroup);
    updates.put(id, update);
    return update;
  }

  private Cluster cluster(String name) {
    Cluster cluster = clusters.get(name);
    if (cluster == null) {
      throw AwsError.notFound(
          "ResourceNotFoundException", "No cluster found for name: " + name + ".");
    }
    return cluster;
  }

  private static Nodegroup nodegroup(Cluster cluster, String name) {
    Nodegroup group = cluster.nodegroups.get(name);
    if (group == null) {
      throw AwsError.notFound(
          "ResourceNotFoundException", "No node group found for name: " + name + ".");
    }
    return group;
  }

  static String nextMinor(String minor) {
    String[] parts = minor.split("\\.");
    return parts[0] + "." + (Integer.parseInt(parts[1]) + 1);
  }

  static int compareMinor(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    int major = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
    return major != 0 ? major : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
  }
}
