package dev.shipmate.sandbox.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.sandbox.SimulationClock;
import dev.shipmate.sandbox.kubernetes.api.ApiServer;
import dev.shipmate.sandbox.kubernetes.api.RequestCounts;
import dev.shipmate.sandbox.kubernetes.controller.Autopilot;
import dev.shipmate.sandbox.kubernetes.controller.ControllerLoop;
import dev.shipmate.sandbox.kubernetes.controller.EventRecorder;
import dev.shipmate.sandbox.kubernetes.controller.TypedStore;
import dev.shipmate.sandbox.kubernetes.controller.daemonset.DaemonSetController;
import dev.shipmate.sandbox.kubernetes.controller.deployment.DeploymentController;
import dev.shipmate.sandbox.kubernetes.controller.deployment.ReplicaSetController;
import dev.shipmate.sandbox.kubernetes.controller.disruption.DisruptionBudgets;
import dev.shipmate.sandbox.kubernetes.controller.disruption.DisruptionController;
import dev.shipmate.sandbox.kubernetes.controller.disruption.PodEvictions;
import dev.shipmate.sandbox.kubernetes.controller.gc.GarbageCollector;
import dev.shipmate.sandbox.kubernetes.controller.namespace.NamespaceController;
import dev.shipmate.sandbox.kubernetes.controller.node.NodeController;
import dev.shipmate.sandbox.kubernetes.controller.pod.ImageFaults;
import dev.shipmate.sandbox.kubernetes.controller.pod.KubeletSimulator;
import dev.shipmate.sandbox.kubernetes.controller.pod.PodGarbageCollector;
import dev.shipmate.sandbox.kubernetes.controller.pod.PodTimings;
import dev.shipmate.sandbox.kubernetes.controller.pod.Scheduler;
import dev.shipmate.sandbox.kubernetes.store.Json;
import dev.shipmate.sandbox.kubernetes.store.ObjectStore;
import dev.shipmate.sandbox.kubernetes.store.ResourceTypes;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated Kubernetes cluster: an API server on a local port that fabric8, kubectl and anything
 * else speaking the Kubernetes API can use, with controllers that roll Deployments, schedule and
 * run pods, honour disruption budgets on eviction, terminate namespaces and collect garbage, on a
 * clock tests can drive.
 *
 * <p>In tests, time moves only with {@link #advance(Duration)} (and changes are acted on at {@link
 * #settle()}), unless the autopilot is on; {@link Builder#realTime()} runs everything by itself on
 * the system clock, for {@code local} mode.
 */
public final class SimulatedCluster implements AutoCloseable {

  /** When simulated time starts by default: a Monday morning. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-05T09:00:00Z");

  private final Clock clock;
  private final ObjectStore store;
  private final TypedStore typed;
  private final ControllerLoop loop;
  private final ApiServer server;
  private final Autopilot autopilot;
  private final URI url;
  private final AtomicInteger nodesAdded = new AtomicInteger();
  private final ImageFaults imageFaults = new ImageFaults();
  private volatile String kubernetesVersion;
  private KubernetesClient client;

  private SimulatedCluster(Builder builder) {
    this.clock = builder.clock;
    this.kubernetesVersion = builder.kubernetesVersion;
    this.store = new ObjectStore(clock, ResourceTypes.builtIn(), builder.seed);
    this.typed = new TypedStore(store);
    EventRecorder events = new EventRecorder(typed, clock);
    DisruptionBudgets budgets = new DisruptionBudgets(typed);
    DisruptionController disruption = new DisruptionController(typed, budgets);
    this.loop =
        new ControllerLoop(
            store,
            clock,
            List.of(
                new DeploymentController(typed, events),
                new ReplicaSetController(typed, events),
                new DaemonSetController(typed, events),
                new NodeController(typed),
                new Scheduler(typed, events),
                new KubeletSimulator(typed, events, builder.podTimings, imageFaults),
                disruption,
                new NamespaceController(store, builder.namespaceDeletionDelay),
                new GarbageCollector(store),
                new PodGarbageCollector(typed)));
    this.server =
        new ApiServer(
            store, new PodEvictions(typed, budgets, disruption, clock), this::versionInfo);
    for (String namespace : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
      ensureNamespace(namespace);
    }
    builder.nodes.forEach(this::addNode);
    try {
      this.url = server.start(builder.host, builder.port);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    loop.settle();
    this.autopilot =
        builder.autopilot
            ? new Autopilot(loop, store, builder.realTime ? Duration.ofMillis(100) : null)
            : null;
  }

  /**
   * Makes pods of {@code image} fail in this cluster only, from now on: {@code imagepull} (never
   * pulled), {@code crashloop} or {@code unready} — what the tags {@code -imagepull}, {@code
   * -crashloop} and {@code -unready} do in every cluster. A wave that reaches this cluster then
   * fails where the others succeeded.
   */
  public void failImage(String image, String failure) {
    imageFaults.fail(image, failure);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A cluster with three Ready nodes on a {@link SimulationClock}, driven by hand. */
  public static SimulatedCluster start() {
    return builder().start();
  }

  /** The API server's base URL, e.g. {@code http://127.0.0.1:41234}. */
  public URI url() {
    return url;
  }

  /**
   * A fabric8 client for this cluster, shared and closed with it. It does not retry 429s (an
   * eviction blocked by a budget answers at once) and ignores any ambient kubeconfig.
   */
  public synchronized KubernetesClient client() {
    if (client == null) {
      client = newClient();
    }
    return client;
  }

  /** A new fabric8 client for this cluster; the caller closes it. */
  public KubernetesClient newClient() {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(url.toString())
            .withNamespace("default")
            .withRequestRetryBackoffLimit(0)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** A kubeconfig context pointing at this cluster. */
  public KubeContext kubeContext(String contextName) {
    return new KubeContext(contextName, url, "default");
  }

  public Clock clock() {
    return clock;
  }

  /** What clients have asked of this cluster's API server: for benchmarks that count calls. */
  public RequestCounts requestCounts() {
    return server.counts();
  }

  /** The cluster's storage, for assertions and for stand-ins that need direct access. */
  public ObjectStore store() {
    return store;
  }

  public ControllerLoop controllers() {
    return loop;
  }

  /** One pass of every controller. */
  public void tick() {
    loop.tick();
  }

  /** Lets the controllers act on every change until nothing changes; no time passes. */
  public void settle() {
    loop.settle();
  }

  /**
   * Moves simulated time forward, letting the controllers act at every moment something was due.
   *
   * @throws IllegalStateException when the cluster runs on real time
   */
  public void advance(Duration duration) {
    loop.advance(duration);
  }

  /** What {@code /version} reports, e.g. {@code v1.31.4}. */
  public String kubernetesVersion() {
    return kubernetesVersion;
  }

  /** Moves the control plane to another version: what an EKS upgrade does. */
  /** Its API server answers every request {@code delay} late from now on (zero: at once). */
  public void setApiDelay(Duration delay) {
    server.setDelay(delay);
  }

  public void setKubernetesVersion(String version) {
    this.kubernetesVersion = normalizeVersion(version);
  }

  public Namespace ensureNamespace(String name) {
    Optional<Namespace> existing = typed.get(Namespace.class, null, name);
    if (existing.isPresent()) {
      return existing.get();
    }
    return typed.create(
        new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build());
  }

  /** Registers a Ready node, as its kubelet would. */
  public Node addNode(NodeSpec spec) {
    return typed.create(
        NodeManifests.readyNode(spec, nodesAdded.incrementAndGet() + 9, clock.instant()));
  }

  /** A node as the API server has it now, if it exists. */
  public Optional<Node> node(String name) {
    return typed.get(Node.class, null, name);
  }

  /** Removes a node, as a terminated instance's does; its pods are deleted and rescheduled. */
  public void removeNode(String name) {
    typed.get(Node.class, null, name).ifPresent(typed::delete);
  }

  /** Makes a node's kubelet report Ready or NotReady. */
  public Node setNodeReady(String name, boolean ready) {
    String now = Json.timestamp(clock.instant());
    return typed.editStatus(
        Node.class,
        null,
        name,
        node -> {
          for (NodeCondition condition : node.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType())) {
              String status = ready ? "True" : "Unknown";
              if (!status.equals(condition.getStatus())) {
                condition.setStatus(status);
                condition.setReason(ready ? "KubeletReady" : "NodeStatusUnknown");
                condition.setMessage(
                    ready
                        ? "kubelet is posting ready status"
                        : "Kubelet stopped posting node status.");
                condition.setLastTransitionTime(now);
              }
            }
          }
          return node;
        });
  }

  /**
   * Creates a PodDisruptionBudget {@code namespace/app} over the pods labelled {@code app=<app>}
   * (what {@link #addDeployment} gives its pods), needing {@code minAvailable} of them, and lets
   * the disruption controller give it a status.
   */
  public PodDisruptionBudget addDisruptionBudget(String namespace, String app, int minAvailable) {
    ensureNamespace(namespace);
    PodDisruptionBudget budget =
        new PodDisruptionBudgetBuilder()
            .withNewMetadata()
            .withName(app)
            .withNamespace(namespace)
            .endMetadata()
            .withNewSpec()
            .withMinAvailable(new IntOrString(minAvailable))
            .withNewSelector()
            .addToMatchLabels("app", app)
            .endSelector()
            .endSpec()
            .build();
    client().policy().v1().podDisruptionBudget().inNamespace(namespace).resource(budget).create();
    settle();
    return client().policy().v1().podDisruptionBudget().inNamespace(namespace).withName(app).get();
  }

  /**
   * Creates a Deployment of one container named after it and lets it roll out: the Deployment with
   * that many Ready replicas, as a seeded cluster would have it.
   */
  public Deployment addDeployment(String namespace, String name, String image, int replicas) {
    createDeployment(namespace, name, image, replicas);
    return awaitRollout(namespace, name);
  }

  /**
   * Creates the Deployment {@link #addDeployment} makes, without waiting for it to roll out: on
   * real time, a world seeding many Deployments creates them all, then waits for each ({@link
   * #awaitRollout}), so that their pods start together.
   */
  public void createDeployment(String namespace, String name, String image, int replicas) {
    ensureNamespace(namespace);
    typed.create(
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(Map.of("app", name))
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .withNewSelector()
            .addToMatchLabels("app", name)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", name)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName(name)
            .withImage(image)
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build());
  }

  /**
   * Lets time pass until the Deployment has rolled out, as {@code kubectl rollout status} judges
   * it. On a simulation clock time jumps from one wake-up to the next; on real time this waits.
   *
   * @throws IllegalStateException when it cannot roll out: its progress deadline passed, or nothing
   *     is left to happen
   */
  public Deployment awaitRollout(String namespace, String name) {
    Instant giveUp = clock.instant().plus(Duration.ofHours(1));
    while (true) {
      if (clock instanceof SimulationClock) {
        loop.settle();
      }
      Deployment deployment =
          typed
              .get(Deployment.class, namespace, name)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no Deployment " + namespace + "/" + name + " to wait for"));
      RolloutCheck state = RolloutCheck.of(deployment);
      if (state == RolloutCheck.DONE) {
        return deployment;
      }
      if (state == RolloutCheck.FAILED || !clock.instant().isBefore(giveUp)) {
        throw new IllegalStateException(
            "Deployment "
                + namespace
                + "/"
                + name
                + " did not roll out: "
                + deployment.getStatus());
      }
      if (clock instanceof SimulationClock) {
        Instant next =
            loop.nextWakeup()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "Deployment "
                                + namespace
                                + "/"
                                + name
                                + " will never roll out: "
                                + deployment.getStatus()));
        loop.advance(Duration.between(clock.instant(), next));
      } else {
        store.awaitChange(Duration.ofMillis(200));
      }
    }
  }

  @Override
  public synchronized void close() {
    if (autopilot != null) {
      autopilot.close();
    }
    if (client != null) {
      client.close();
    }
    server.close();
  }

  private ObjectNode versionInfo() {
    String version = kubernetesVersion;
    String[] parts = version.substring(1).split("\\.");
    ObjectNode info = Json.MAPPER.createObjectNode();
    info.put("major", parts[0]);
    info.put("minor", parts.length > 1 ? parts[1] : "0");
    info.put("gitVersion", version);
    info.put("gitCommit", "0000000000000000000000000000000000000000");
    info.put("gitTreeState", "clean");
    info.put("buildDate", "2026-01-01T00:00:00Z");
    info.put("goVersion", "go1.23.4");
    info.put("compiler", "gc");
    info.put("platform", "linux/amd64");
    return info;
  }

  static String normalizeVersion(String version) {
    String trimmed = version.trim();
    return trimmed.startsWith("v") ? trimmed : "v" + trimmed;
  }

  /** How to build a cluster; every setting has a default. */
  public static final class Builder {

    private Clock clock = SimulationClock.startingAt(DEFAULT_START);
    private boolean autopilot;
    private boolean realTime;
    private PodTimings podTimings = PodTimings.defaults();
    private Duration namespaceDeletionDelay = Duration.ofSeconds(5);
    private String kubernetesVersion = "v1.31.4";
    private List<NodeSpec> nodes;
    private String host = "127.0.0.1";
    private int port;
    private long seed = 1;

    private Builder() {}

    /** Simulated time, moved by the test (the default starts at {@link #DEFAULT_START}). */
    public Builder clock(SimulationClock simulationClock) {
      this.clock = simulationClock;
      this.realTime = false;
      return this;
    }

    /** The system clock, with the controllers running by themselves: {@code local} mode. */
    public Builder realTime() {
      this.clock = Clock.systemUTC();
      this.realTime = true;
      this.autopilot = true;
      return this;
    }

    /** Let the controllers react to every change by themselves, on a background thread. */
    public Builder autopilot(boolean enabled) {
      this.autopilot = enabled;
      return this;
    }

    public Builder podTimings(PodTimings timings) {
      this.podTimings = timings;
      return this;
    }

    /** How long a deleted namespace stays Terminating before it and its contents go. */
    public Builder namespaceDeletionDelay(Duration delay) {
      this.namespaceDeletionDelay = delay;
      return this;
    }

    /** The control plane's version, and the default nodes' kubelet version. */
    public Builder kubernetesVersion(String version) {
      this.kubernetesVersion = normalizeVersion(version);
      return this;
    }

    /** The nodes to start with, instead of three nodes {@code node-1..3}. */
    public Builder nodes(List<NodeSpec> specs) {
      this.nodes = List.copyOf(specs);
      return this;
    }

    /** Listen on this port instead of a free one. */
    public Builder port(int listenPort) {
      this.port = listenPort;
      return this;
    }

    public Builder host(String listenHost) {
      this.host = listenHost;
      return this;
    }

    /** Seeds generated names and uids: the same seed and steps give the same names. */
    public Builder seed(long randomSeed) {
      this.seed = randomSeed;
      return this;
    }

    public SimulatedCluster start() {
      if (nodes == null) {
        List<NodeSpec> defaults = new ArrayList<>();
        String[] zones = {"eu-west-1a", "eu-west-1b", "eu-west-1c"};
        for (int i = 1; i <= 3; i++) {
          defaults.add(
              NodeSpec.of("node-" + i, kubernetesVersion)
                  .withLabel("topology.kubernetes.io/zone", zones[i - 1])
                  .withLabel("node.kubernetes.io/instance-type", "m5.large"));
        }
        nodes = defaults;
      }
      return new SimulatedCluster(this);
    }
  }
}
