package dev.shipmate.pipelines.upgrade;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an upgrade reads and does in one cluster through fabric8: nodes, the pods on them, the
 * budgets that guard those pods, cordoning, evictions through the Eviction API (which is what makes
 * a budget hold; a plain delete would not), and the API server's version.
 */
public final class NodeGateway {

  /**
   * Set on a node an upgrade cordoned to drain it: when it began, so a stuck drain can time out.
   */
  public static final String DRAIN_STARTED = "shipmate.dev/upgrade-drain-started";

  /**
   * Set on a node whose stuck drain someone chose to force ("Evict anyway"): who chose it. Pods a
   * budget keeps on it are then deleted, as {@code kubectl drain --disable-eviction} does.
   */
  public static final String DRAIN_FORCED_BY = "shipmate.dev/upgrade-drain-forced-by";

  /** Set on a node someone chose to leave as it is ("Skip node"): the run that skipped it. */
  public static final String SKIPPED_BY = "shipmate.dev/upgrade-skipped-by";

  private static final String MIRROR = "kubernetes.io/config.mirror";

  private final KubernetesClient client;

  public NodeGateway(KubernetesClient client) {
    this.client = client;
  }

  /** What {@code /version} reports: the control plane's version. */
  public Optional<MinorVersion> controlPlaneVersion() {
    VersionInfo info = client.getKubernetesVersion();
    return MinorVersion.parse(info.getGitVersion())
        .or(() -> MinorVersion.parse(info.getMajor() + "." + info.getMinor().replace("+", "")));
  }

  /** Every node, oldest first. */
  public List<ClusterNode> nodes() {
    return client.nodes().list().getItems().stream()
        .map(NodeGateway::toNode)
        .sorted(Comparator.comparing(ClusterNode::created).thenComparing(ClusterNode::name))
        .toList();
  }

  /**
   * The cordoned nodes only ({@code fieldSelector=spec.unschedulable=true}, which the API server
   * supports for nodes beside {@code metadata.name}), oldest first: a drain under way is on one of
   * them, and a check that finds one reads a handful of nodes instead of the whole cluster.
   */
  public List<ClusterNode> cordonedNodes() {
    return client.nodes().withField("spec.unschedulable", "true").list().getItems().stream()
        .map(NodeGateway::toNode)
        .sorted(Comparator.comparing(ClusterNode::created).thenComparing(ClusterNode::name))
        .toList();
  }

  /** Every pod bound to a node (pending pods are nobody's concern here). */
  public List<NodePod> pods() {
    return client.pods().inAnyNamespace().list().getItems().stream()
        .filter(p -> p.getSpec() != null && p.getSpec().getNodeName() != null)
        .map(NodeGateway::toPod)
        .toList();
  }

  public List<NodePod> podsOn(String node) {
    return client
        .pods()
        .inAnyNamespace()
        .withField("spec.nodeName", node)
        .list()
        .getItems()
        .stream()
        .map(NodeGateway::toPod)
        .toList();
  }

  public List<NodePod> podsIn(String namespace) {
    return client.pods().inNamespace(namespace).list().getItems().stream()
        .map(NodeGateway::toPod)
        .toList();
  }

  public List<DisruptionBudget> budgets() {
    return client.policy().v1().podDisruptionBudget().inAnyNamespace().list().getItems().stream()
        .map(NodeGateway::toBudget)
        .toList();
  }

  /** Marks the node unschedulable and notes when its drain began. */
  public void cordonForDrain(String node, Instant now) {
    client
        .nodes()
        .withName(node)
        .edit(
            n -> {
              n.getSpec().setUnschedulable(true);
              Map<String, String> annotations = annotations(n);
              annotations.putIfAbsent(DRAIN_STARTED, now.toString());
              // A node an earlier run skipped is this run's to replace.
              annotations.remove(SKIPPED_BY);
              return n;
            });
  }

  /** Counts the drain's timeout again from {@code now} ("Wait longer"). */
  public void restartDrainClock(String node, Instant now) {
    annotate(node, DRAIN_STARTED, now.toString());
  }

  /** From now on pods a budget keeps on the node are deleted, not evicted ("Evict anyway"). */
  public void forceDrain(String node, String by) {
    annotate(node, DRAIN_FORCED_BY, by);
  }

  /**
   * Puts a node being drained back in service and marks it skipped by {@code runId}, so the run
   * goes on to the next node and leaves this one at its version ("Skip node").
   */
  public void skip(String node, String runId) {
    client
        .nodes()
        .withName(node)
        .edit(
            n -> {
              release(n);
              annotations(n).put(SKIPPED_BY, runId);
              return n;
            });
  }

  private void annotate(String node, String key, String value) {
    client
        .nodes()
        .withName(node)
        .edit(
            n -> {
              annotations(n).put(key, value);
              return n;
            });
  }

  private static Map<String, String> annotations(Node node) {
    if (node.getMetadata().getAnnotations() == null) {
      node.getMetadata().setAnnotations(new HashMap<>());
    }
    return node.getMetadata().getAnnotations();
  }

  /** Undoes {@link #cordonForDrain}: the node takes pods again and is no longer being drained. */
  public void releaseFromDrain(String node) {
    client
        .nodes()
        .withName(node)
        .edit(
            n -> {
              release(n);
              return n;
            });
  }

  private static void release(Node node) {
    node.getSpec().setUnschedulable(null);
    Map<String, String> annotations = annotations(node);
    annotations.remove(DRAIN_STARTED);
    annotations.remove(DRAIN_FORCED_BY);
  }

  /**
   * Asks the Eviction API to evict the pod (its grace period is respected).
   *
   * @return false when a disruption budget does not allow it now (429): try again later
   */
  public boolean evict(NodePod pod) {
    try {
      return client.pods().inNamespace(pod.namespace()).withName(pod.name()).evict();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return true; // gone meanwhile (its controller scaled it away): nothing left to evict
      }
      throw e;
    }
  }

  /**
   * Deletes the pod with its grace period, budgets or not: only for a drain someone chose to force.
   */
  public void delete(NodePod pod) {
    client.pods().inNamespace(pod.namespace()).withName(pod.name()).delete();
  }

  private static ClusterNode toNode(Node node) {
    String kubelet =
        node.getStatus() == null || node.getStatus().getNodeInfo() == null
            ? ""
            : node.getStatus().getNodeInfo().getKubeletVersion();
    boolean ready =
        node.getStatus() != null
            && node.getStatus().getConditions() != null
            && node.getStatus().getConditions().stream().anyMatch(NodeGateway::isReadyCondition);
    Map<String, String> annotations =
        node.getMetadata().getAnnotations() == null
            ? Map.of()
            : node.getMetadata().getAnnotations();
    Optional<Instant> drainStarted =
        Optional.ofNullable(annotations.get(DRAIN_STARTED)).map(Instant::parse);
    return new ClusterNode(
        node.getMetadata().getName(),
        ready,
        Boolean.TRUE.equals(node.getSpec().getUnschedulable()),
        kubelet,
        MinorVersion.parse(kubelet),
        instanceId(node.getSpec().getProviderID()),
        node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels(),
        drainStarted,
        allocatablePods(node),
        Optional.ofNullable(node.getMetadata().getCreationTimestamp())
            .map(Instant::parse)
            .orElse(Instant.EPOCH),
        Optional.ofNullable(annotations.get(DRAIN_FORCED_BY)),
        Optional.ofNullable(annotations.get(SKIPPED_BY)),
        node.getSpec().getTaints() != null
            && node.getSpec().getTaints().stream()
                .anyMatch(
                    t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect())));
  }

  private static boolean isReadyCondition(NodeCondition condition) {
    return "Ready".equals(condition.getType()) && "True".equals(condition.getStatus());
  }

  /** {@code aws:///eu-west-1a/i-0abc} → {@code i-0abc}. */
  static Optional<String> instanceId(String providerId) {
    if (providerId == null || !providerId.startsWith("aws://")) {
      return Optional.empty();
    }
    String id = providerId.substring(providerId.lastIndexOf('/') + 1);
    return id.startsWith("i-") ? Optional.of(id) : Optional.empty();
  }

  private static int allocatablePods(Node node) {
    if (node.getStatus() == null || node.getStatus().getAllocatable() == null) {
      return 0;
    }
    Quantity pods = node.getStatus().getAllocatable().get("pods");
    return pods == null ? 0 : pods.getNumericalAmount().intValue();
  }

  private static NodePod toPod(Pod pod) {
    Map<String, String> annotations =
        pod.getMetadata().getAnnotations() == null ? Map.of() : pod.getMetadata().getAnnotations();
    List<OwnerReference> owners =
        pod.getMetadata().getOwnerReferences() == null
            ? List.of()
            : pod.getMetadata().getOwnerReferences();
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    boolean finished = "Succeeded".equals(phase) || "Failed".equals(phase);
    boolean daemon = owners.stream().anyMatch(o -> "DaemonSet".equals(o.getKind()));
    boolean mirror = annotations.containsKey(MIRROR);
    boolean ready =
        pod.getStatus() != null
            && pod.getStatus().getConditions() != null
            && pod.getStatus().getConditions().stream().anyMatch(NodeGateway::isReadyCondition);
    return new NodePod(
        pod.getMetadata().getNamespace(),
        pod.getMetadata().getName(),
        pod.getSpec() == null ? null : pod.getSpec().getNodeName(),
        pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels(),
        !daemon && !mirror && !finished,
        pod.getMetadata().getDeletionTimestamp() != null,
        ready || "Succeeded".equals(phase));
  }

  private static boolean isReadyCondition(PodCondition condition) {
    return "Ready".equals(condition.getType()) && "True".equals(condition.getStatus());
  }

  private static DisruptionBudget toBudget(PodDisruptionBudget budget) {
    var status = budget.getStatus();
    return new DisruptionBudget(
        budget.getMetadata().getNamespace(),
        budget.getMetadata().getName(),
        budget.getSpec().getSelector(),
        status == null || status.getDisruptionsAllowed() == null
            ? 0
            : status.getDisruptionsAllowed(),
        status == null || status.getCurrentHealthy() == null ? 0 : status.getCurrentHealthy(),
        status == null || status.getDesiredHealthy() == null ? 0 : status.getDesiredHealthy());
  }
}
