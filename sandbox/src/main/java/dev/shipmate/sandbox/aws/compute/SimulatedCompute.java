package dev.shipmate.sandbox.aws.compute;

import dev.shipmate.sandbox.aws.AwsError;
import dev.shipmate.sandbox.aws.FaultPlan;
import dev.shipmate.sandbox.aws.Timeline;
import dev.shipmate.sandbox.kubernetes.NodeSpec;
import dev.shipmate.sandbox.kubernetes.SimulatedCluster;
import dev.shipmate.sandbox.kubernetes.controller.node.Nodes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * EC2 launch templates and instances, and the Auto Scaling groups that keep them at their desired
 * capacity, tied to simulated clusters: an instance of a group is a Node of the group's cluster. A
 * launched instance joins after {@link #joinDelay()}, with the kubelet of its launch template's
 * image; a terminated one's Node is removed at once, and the cluster's controllers move its pods.
 *
 * <p>A control-plane group ({@link GroupSpec#controlPlane()}, a kops-style self-managed cluster)
 * runs the cluster's API servers: its nodes carry the {@code node-role.kubernetes.io/control-plane}
 * label and {@code NoSchedule} taint, and the cluster's {@code /version} follows the group as a
 * kops cluster's does from the outside. Whenever an instance of the group joins or leaves, if every
 * live instance runs one minor version's image and has a Ready node, {@code /version} moves to that
 * minor's newest patch ({@link KubeletVersions#newestPatch}) unless it already reports that minor;
 * while the group is mixed, or a replacement has not joined, it keeps reporting the old one.
 */
public final class SimulatedCompute {

  /** How long a new instance takes to boot and register its Node: about a minute and a half. */
  public static final Duration DEFAULT_JOIN_DELAY = Duration.ofSeconds(90);

  private static final String[] ZONES = {"eu-west-1a", "eu-west-1b", "eu-west-1c"};

  /**
   * The label and {@code NoSchedule} taint of control-plane nodes, as kubeadm and kops set them.
   */
  public static final String CONTROL_PLANE_ROLE = "node-role.kubernetes.io/control-plane";

  /** A group's mutable state; reads hand out {@link GroupView} copies. */
  private static final class Group {
    final String name;
    final SimulatedCluster cluster;
    final Map<String, String> nodeLabels;
    final boolean controlPlane;
    String templateId;
    String templateVersion;
    int min;
    int max;
    int desired;

    Group(GroupSpec spec, String templateId) {
      this.name = spec.name();
      this.cluster = spec.cluster();
      this.nodeLabels = spec.nodeLabels();
      this.controlPlane = spec.controlPlane();
      this.templateId = templateId;
      this.templateVersion = "$Default";
      this.min = spec.minSize();
      this.max = spec.maxSize();
      this.desired = spec.desiredCapacity();
    }
  }

  private final Clock clock;
  private final Timeline timeline;
  private final FaultPlan faults = new FaultPlan();
  private final MachineImages images = new MachineImages();
  private final Map<String, List<LaunchTemplateVersion>> templates = new LinkedHashMap<>();
  private final Map<String, Long> defaultVersions = new LinkedHashMap<>();
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final Map<String, Instance> instances = new LinkedHashMap<>();
  private volatile Duration joinDelay = DEFAULT_JOIN_DELAY;
  private int launched;

  public SimulatedCompute(Clock clock, Timeline timeline) {
    this.clock = clock;
    this.timeline = timeline;
  }

  /** Failures for the next calls of an Auto Scaling or EC2 operation. */
  public FaultPlan faults() {
    return faults;
  }

  /** The machine images DescribeImages lists (the EKS-optimized images, seeded). */
  public MachineImages images() {
    return images;
  }

  public Duration joinDelay() {
    return joinDelay;
  }

  public void setJoinDelay(Duration delay) {
    this.joinDelay = delay;
  }

  // ---- launch templates ----

  /** Creates a launch template whose version 1 runs the given kubelet. */
  public synchronized LaunchTemplateVersion createLaunchTemplate(
      String name, String kubeletVersion) {
    if (findTemplate(null, name).isPresent()) {
      throw AwsError.badRequest(
          "InvalidLaunchTemplateName.AlreadyExistsException",
          "Launch template name already in use.");
    }
    String id = String.format("lt-%017x", templates.size() + 1L);
    LaunchTemplateVersion first =
        new LaunchTemplateVersion(
            id,
            name,
            1,
            null,
            KubeletVersions.imageFor(kubeletVersion),
            "m5.large",
            normalize(kubeletVersion),
            clock.instant());
    templates.put(id, new ArrayList<>(List.of(first)));
    defaultVersions.put(id, 1L);
    return first;
  }

  /**
   * A new version of a template, from a source version with the image or instance type replaced.
   *
   * @throws AwsError {@code InvalidLaunchTemplateId.NotFound}, {@code
   *     InvalidLaunchTemplateName.NotFoundException}, {@code InvalidAMIID.NotFound} for an image
   *     that names no kubelet version
   */
  public synchronized LaunchTemplateVersion createLaunchTemplateVersion(
      String templateId,
      String templateName,
      String sourceVersion,
      String description,
      String imageId,
      String instanceType) {
    String id = template(templateId, templateName);
    LaunchTemplateVersion source =
        sourceVersion == null ? latest(id) : versions(id, List.of(sourceVersion)).get(0);
    String image = imageId == null ? source.imageId() : imageId;
    String kubelet =
        KubeletVersions.ofImage(image)
            .orElseThrow(
                () ->
                    AwsError.badRequest(
                        "InvalidAMIID.NotFound", "The image id '[" + image + "]' does not exist"));
    LaunchTemplateVersion version =
        new LaunchTemplateVersion(
            id,
            source.templateName(),
            latest(id).number() + 1,
            description,
            image,
            instanceType == null ? source.instanceType() : instanceType,
            kubelet,
            clock.instant());
    templates.get(id).add(version);
    return version;
  }

  /**
   * Versions of a template: numbers, {@code $Latest} or {@code $Default}; every version when none
   * is named.
   */
  public synchronized List<LaunchTemplateVersion> launchTemplateVersions(
      String templateId, String templateName, List<String> wanted) {
    String id = template(templateId, templateName);
    return wanted.isEmpty() ? List.copyOf(templates.get(id)) : versions(id, wanted);
  }

  private List<LaunchTemplateVersion> versions(String id, List<String> wanted) {
    List<LaunchTemplateVersion> found = new ArrayList<>();
    for (String version : wanted) {
      found.add(resolve(id, version));
    }
    return found;
  }

  private LaunchTemplateVersion resolve(String id, String version) {
    List<LaunchTemplateVersion> all = templates.get(id);
    if (version == null || "$Default".equals(version)) {
      long number = defaultVersions.get(id);
      return all.get((int) number - 1);
    }
    if ("$Latest".equals(version)) {
      return latest(id);
    }
    try {
      long number = Long.parseLong(version);
      if (number >= 1 && number <= all.size()) {
        return all.get((int) number - 1);
      }
    } catch (NumberFormatException e) {
      // answered below, as EC2 does
    }
    throw AwsError.badRequest(
        "InvalidLaunchTemplateId.VersionNotFound",
        "Could not find launch template version " + version + " for template " + id);
  }

  private LaunchTemplateVersion latest(String id) {
    List<LaunchTemplateVersion> all = templates.get(id);
    return all.get(all.size() - 1);
  }

  private String template(String templateId, String templateName) {
    return findTemplate(templateId, templateName)
        .orElseThrow(
            () ->
                templateId != null
                    ? AwsError.badRequest(
                        "InvalidLaunchTemplateId.NotFound",
                        "The specified launch template, with template ID "
                            + templateId
                            + ", does not exist.")
                    : AwsError.badRequest(
                        "InvalidLaunchTemplateName.NotFoundException",
                        "The specified launch template, with template name "
                            + templateName
                            + ", does not exist."));
  }

  private Optional<String> findTemplate(String templateId, String templateName) {
    if (templateId != null) {
      return templates.containsKey(templateId) ? Optional.of(templateId) : Optional.empty();
    }
    return templates.entrySet().stream()
        .filter(e -> e.getValue().get(0).templateName().equals(templateName))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  // ---- Auto Scaling groups ----

  /** Seeds a group whose first instances are already running and joined. */
  public synchronized GroupView createGroup(GroupSpec spec) {
    if (groups.containsKey(spec.name())) {
      throw new IllegalArgumentException("an Auto Scaling group " + spec.name() + " exists");
    }
    String templateId =
        findTemplate(null, spec.launchTemplateName())
            .orElseGet(
                () ->
                    createLaunchTemplate(spec.launchTemplateName(), spec.kubeletVersion())
                        .templateId());
    Group group = new Group(spec, templateId);
    groups.put(group.name, group);
    for (int i = 0; i < group.desired; i++) {
      Instance instance = newInstance(group);
      join(instance);
    }
    return view(group);
  }

  public synchronized List<GroupView> groups(List<String> names) {
    return groups.values().stream()
        .filter(group -> names.isEmpty() || names.contains(group.name))
        .map(this::view)
        .toList();
  }

  /**
   * @throws AwsError {@code ValidationError} for an unknown group
   */
  public synchronized GroupView group(String name) {
    return view(requireGroup(name));
  }

  /**
   * UpdateAutoScalingGroup: any argument may be null to leave it as it is.
   *
   * @throws AwsError {@code ValidationError} when sizes do not fit or the template is unknown
   */
  public synchronized void updateGroup(
      String name,
      String templateId,
      String templateName,
      String templateVersion,
      Integer min,
      Integer max,
      Integer desired) {
    Group group = requireGroup(name);
    int newMin = min == null ? group.min : min;
    int newMax = max == null ? group.max : max;
    int newDesired = desired == null ? Math.max(newMin, Math.min(newMax, group.desired)) : desired;
    if (newMin > newMax) {
      throw validation(
          "Max bound, " + newMax + ", must be greater than or equal to min bound, " + newMin);
    }
    if (newDesired < newMin || newDesired > newMax) {
      throw validation(
          "Desired capacity:"
              + newDesired
              + " must be between the specified min size:"
              + newMin
              + " and max size:"
              + newMax);
    }
    if (templateId != null || templateName != null) {
      String id;
      try {
        id = template(templateId, templateName);
        resolve(id, templateVersion);
      } catch (AwsError e) {
        throw validation(e.getMessage());
      }
      group.templateId = id;
      group.templateVersion = templateVersion == null ? "$Default" : templateVersion;
    }
    group.min = newMin;
    group.max = newMax;
    group.desired = newDesired;
    reconcile(group);
  }

  /**
   * @throws AwsError {@code ValidationError} outside the group's bounds
   */
  public synchronized void setDesiredCapacity(String name, int desired) {
    Group group = requireGroup(name);
    if (desired > group.max) {
      throw validation(
          "New SetDesiredCapacity value "
              + desired
              + " is above max value "
              + group.max
              + " for the AutoScalingGroup.");
    }
    if (desired < group.min) {
      throw validation(
          "New SetDesiredCapacity value "
              + desired
              + " is below min value "
              + group.min
              + " for the AutoScalingGroup.");
    }
    group.desired = desired;
    reconcile(group);
  }

  /**
   * Terminates an instance of a group: its Node goes at once. Without decrementing, the group
   * launches a replacement, which joins after the join delay.
   *
   * @throws AwsError {@code ValidationError} for an unknown instance, or when decrementing would go
   *     below the group's minimum
   */
  public synchronized Instance terminate(String instanceId, boolean decrementDesired) {
    Instance instance = instances.get(instanceId);
    if (instance == null || !instance.live() || instance.groupName() == null) {
      throw validation(
          "Instance Id not found - No managed instance found for instance ID: " + instanceId);
    }
    Group group = requireGroup(instance.groupName());
    if (decrementDesired) {
      if (group.desired <= group.min) {
        throw validation(
            "Currently, desiredSize equals minSize ("
                + group.min
                + "). Terminating instance without replacement will violate group's min size"
                + " constraint. Either set shouldDecrementDesiredCapacity flag to false or lower"
                + " group's min size.");
      }
      group.desired--;
    }
    Instance terminated = instance.with("terminated", "Terminated");
    instances.put(instanceId, terminated);
    group.cluster.removeNode(instance.nodeName());
    reconcile(group);
    return terminated;
  }

  /** Every instance EC2 knows, terminated ones included, in launch order. */
  public synchronized List<Instance> instances() {
    return List.copyOf(instances.values());
  }

  public synchronized Optional<Instance> instance(String id) {
    return Optional.ofNullable(instances.get(id));
  }

  /** The instance behind a Node, by the Node's name. */
  public synchronized Optional<Instance> instanceOfNode(String nodeName) {
    return instances.values().stream()
        .filter(instance -> instance.live() && instance.nodeName().equals(nodeName))
        .findFirst();
  }

  /** The cluster a group's nodes join. */
  public synchronized SimulatedCluster clusterOf(String groupName) {
    return requireGroup(groupName).cluster;
  }

  private void reconcile(Group group) {
    List<Instance> live = live(group.name);
    for (int i = live.size(); i < group.desired; i++) {
      Instance instance = newInstance(group);
      timeline.schedule(
          clock.instant().plus(joinDelay),
          instance.id() + " joins " + group.name,
          () -> join(instance.id()));
    }
    if (live.size() > group.desired) {
      // Instances on an older launch template go first, then the newest, as the default policy.
      LaunchTemplateVersion current = resolve(group.templateId, group.templateVersion);
      List<Instance> victims = new ArrayList<>(live);
      victims.sort(
          (a, b) -> {
            boolean aOld = a.launchTemplate().number() != current.number();
            boolean bOld = b.launchTemplate().number() != current.number();
            return aOld != bOld ? (aOld ? -1 : 1) : b.launchTime().compareTo(a.launchTime());
          });
      for (Instance victim : victims.subList(0, live.size() - group.desired)) {
        instances.put(victim.id(), victim.with("terminated", "Terminated"));
        group.cluster.removeNode(victim.nodeName());
      }
    }
    followControlPlane(group);
  }

  /**
   * A control-plane group's API servers report the version its instances run, once they all agree:
   * every live instance on one minor version's image, in service, with a Ready node.
   */
  private void followControlPlane(Group group) {
    if (!group.controlPlane) {
      return;
    }
    List<Instance> live = live(group.name);
    Set<String> minors =
        live.stream()
            .map(i -> KubeletVersions.minorOf(i.launchTemplate().kubeletVersion()))
            .collect(Collectors.toSet());
    boolean allJoined =
        live.stream()
            .allMatch(
                i ->
                    "InService".equals(i.lifecycleState())
                        && group.cluster.node(i.nodeName()).map(Nodes::isReady).orElse(false));
    if (minors.size() != 1 || !allJoined) {
      return;
    }
    String minor = minors.iterator().next();
    if (!minor.equals(KubeletVersions.minorOf(group.cluster.kubernetesVersion()))) {
      group.cluster.setKubernetesVersion(KubeletVersions.newestPatch(minor));
    }
  }

  private List<Instance> live(String groupName) {
    return instances.values().stream()
        .filter(instance -> groupName.equals(instance.groupName()) && instance.live())
        .toList();
  }

  private Instance newInstance(Group group) {
    int n = ++launched;
    String zone = ZONES[(n - 1) % ZONES.length];
    String ip = "10.0." + (n / 200 + 1) + "." + (n % 200 + 10);
    Instance instance =
        new Instance(
            String.format("i-%017x", 0xa000L + n),
            group.name,
            zone,
            ip,
            "ip-" + ip.replace('.', '-') + ".eu-west-1.compute.internal",
            resolve(group.templateId, group.templateVersion),
            "pending",
            "Pending",
            clock.instant());
    instances.put(instance.id(), instance);
    return instance;
  }

  private synchronized void join(String instanceId) {
    Instance instance = instances.get(instanceId);
    if (instance != null && "pending".equals(instance.state())) {
      join(instance);
    }
  }

  private void join(Instance instance) {
    Group group = groups.get(instance.groupName());
    instances.put(instance.id(), instance.with("running", "InService"));
    NodeSpec node =
        NodeSpec.of(instance.nodeName(), instance.launchTemplate().kubeletVersion())
            .withProviderId(instance.providerId())
            .withLabel("topology.kubernetes.io/zone", instance.availabilityZone())
            .withLabel("topology.kubernetes.io/region", "eu-west-1")
            .withLabel(
                "node.kubernetes.io/instance-type", instance.launchTemplate().instanceType());
    for (Map.Entry<String, String> label : group.nodeLabels.entrySet()) {
      node = node.withLabel(label.getKey(), label.getValue());
    }
    if (group.controlPlane) {
      node = node.withLabel(CONTROL_PLANE_ROLE, "").withTaint(CONTROL_PLANE_ROLE, "NoSchedule");
    }
    group.cluster.addNode(node);
    followControlPlane(group);
  }

  private Group requireGroup(String name) {
    Group group = groups.get(name);
    if (group == null) {
      throw validation("AutoScalingGroup name not found - AutoScalingGroup " + name + " not found");
    }
    return group;
  }

  private GroupView view(Group group) {
    return new GroupView(
        group.name,
        resolve(group.templateId, group.templateVersion),
        group.templateVersion,
        group.min,
        group.max,
        group.desired,
        live(group.name));
  }

  private static AwsError validation(String message) {
    return AwsError.badRequest("ValidationError", message);
  }

  private static String normalize(String version) {
    return version.startsWith("v") ? version : "v" + version;
  }
}
