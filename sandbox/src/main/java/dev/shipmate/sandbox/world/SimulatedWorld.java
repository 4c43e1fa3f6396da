package dev.shipmate.sandbox.world;

import dev.shipmate.config.AnalysisCheck;
import dev.shipmate.config.Cluster;
import dev.shipmate.config.Cutover;
import dev.shipmate.config.Environment;
import dev.shipmate.config.Previews;
import dev.shipmate.config.Service;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.sandbox.SimulationClock;
import dev.shipmate.sandbox.aws.SimulatedAws;
import dev.shipmate.sandbox.aws.cloudwatch.AlarmState;
import dev.shipmate.sandbox.aws.compute.GroupSpec;
import dev.shipmate.sandbox.aws.route53.SimulatedRoute53;
import dev.shipmate.sandbox.github.SimulatedGitHub;
import dev.shipmate.sandbox.kubernetes.KubeContext;
import dev.shipmate.sandbox.kubernetes.KubeconfigWriter;
import dev.shipmate.sandbox.kubernetes.SimulatedCluster;
import dev.shipmate.sandbox.prometheus.SimulatedPrometheus;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole simulated world on one clock, seeded from a Shipmate configuration: one {@link
 * SimulatedCluster} per configured cluster (its nodes the instances of its Auto Scaling groups or
 * EKS node groups), every service running in every environment at an initial version, each
 * cutover's zone with its blue/green weighted records at 100/0, the AWS stand-ins and the Slack
 * stand-in; and the environment a {@code serve} needs to run against it.
 */
public final class SimulatedWorld implements AutoCloseable {

  /** The pull request of the previews' repository that is open from the start. */
  public static final int EXAMPLE_PULL_REQUEST = 123;

  /**
   * The variable naming {@link #greenHealth()}'s URL; the airplane-mode example's cutover reads its
   * {@code health.url} from it.
   */
  public static final String GREEN_HEALTH_URL = "SANDBOX_GREEN_HEALTH_URL";

  /**
   * The variable naming {@link #prometheus()}'s URL; the airplane-mode example's {@code
   * prometheus.url} reads it.
   */
  public static final String PROMETHEUS_URL = "SANDBOX_PROMETHEUS_URL";

  /** Its head commit (any image tag runs in the simulated clusters, so this one's does). */
  public static final String EXAMPLE_HEAD = "5e1f0c2a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f";

  private final Clock clock;
  private final Map<String, SimulatedCluster> clusters;
  private final SimulatedAws aws;
  private final SimulatedSlack slack;
  private final SimulatedGitHub github;
  private final SimulatedHealthEndpoint greenHealth;
  private final SimulatedPrometheus prometheus;
  private final Path kubeconfig;
  private final ScheduledExecutorService ticker;

  private SimulatedWorld(
      Clock clock,
      Map<String, SimulatedCluster> clusters,
      SimulatedAws aws,
      SimulatedSlack slack,
      SimulatedGitHub github,
      SimulatedHealthEndpoint greenHealth,
      SimulatedPrometheus prometheus,
      Path kubeconfig,
      ScheduledExecutorService ticker) {
    this.clock = clock;
    this.clusters = clusters;
    this.aws = aws;
    this.slack = slack;
    this.github = github;
    this.greenHealth = greenHealth;
    this.prometheus = prometheus;
    this.kubeconfig = kubeconfig;
    this.ticker = ticker;
  }

  /**
   * Starts and seeds the world.
   *
   * @throws UncheckedIOException when the kubeconfig cannot be written
   */
  public static SimulatedWorld start(ShipmateConfig config, WorldSettings settings) {
    Clock clock =
        settings.realTime()
            ? Clock.systemUTC()
            : SimulationClock.startingAt(SimulatedCluster.DEFAULT_START);
    Map<String, SimulatedCluster> clusters = new LinkedHashMap<>();
    SimulatedAws aws = null;
    SimulatedSlack slack = null;
    SimulatedGitHub github = null;
    SimulatedHealthEndpoint greenHealth = null;
    SimulatedPrometheus prometheus = null;
    try {
      aws = SimulatedAws.start(clock);
      slack =
          SimulatedSlack.start(
              clock,
              orDefault(config.slack().botToken(), SimulatedSlack.DEFAULT_BOT_TOKEN),
              orDefault(config.slack().signingSecret(), SimulatedSlack.DEFAULT_SIGNING_SECRET),
              "127.0.0.1",
              0);
      github = SimulatedGitHub.start();
      greenHealth = SimulatedHealthEndpoint.start();
      prometheus = SimulatedPrometheus.start(clock);
      for (Cluster cluster : config.clusters().values()) {
        clusters.put(cluster.name(), startCluster(cluster, clock, settings, aws));
        prometheus.follow(cluster.name(), clusters.get(cluster.name()));
      }
      seedServices(config, settings, clusters);
      seedCutovers(config, aws.route53());
      seedAlarms(config, aws);
      seedSlack(config, slack);
      seedGitHub(config, github);
      Files.createDirectories(settings.directory());
      Path kubeconfig = settings.directory().resolve("kubeconfig");
      List<KubeContext> contexts = new ArrayList<>();
      config
          .clusters()
          .values()
          .forEach(c -> contexts.add(clusters.get(c.name()).kubeContext(c.context())));
      KubeconfigWriter.write(
          kubeconfig, contexts, contexts.isEmpty() ? null : contexts.get(0).name());
      ScheduledExecutorService ticker = null;
      if (settings.realTime()) {
        SimulatedAws running = aws;
        ticker =
            Executors.newSingleThreadScheduledExecutor(
                runnable -> {
                  Thread thread = new Thread(runnable, "sandbox-aws-timeline");
                  thread.setDaemon(true);
                  return thread;
                });
        ticker.scheduleWithFixedDelay(running::runDue, 200, 200, TimeUnit.MILLISECONDS);
      }
      return new SimulatedWorld(
          clock, clusters, aws, slack, github, greenHealth, prometheus, kubeconfig, ticker);
    } catch (IOException | RuntimeException e) {
      clusters.values().forEach(SimulatedCluster::close);
      if (aws != null) {
        aws.close();
      }
      if (slack != null) {
        slack.close();
      }
      if (github != null) {
        github.close();
      }
      if (greenHealth != null) {
        greenHealth.close();
      }
      if (prometheus != null) {
        prometheus.close();
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot write the sandbox's kubeconfig", io);
      }
      throw (RuntimeException) e;
    }
  }

  private static String orDefault(dev.shipmate.config.Secret secret, String fallback) {
    return secret == null || secret.isBlank() ? fallback : secret.value();
  }

  private static SimulatedCluster startCluster(
      Cluster cluster, Clock clock, WorldSettings settings, SimulatedAws aws) {
    SimulatedCluster.Builder builder =
        SimulatedCluster.builder()
            .kubernetesVersion(settings.kubernetesVersion())
            .podTimings(settings.podTimings());
    builder =
        clock instanceof SimulationClock simulation
            ? builder.clock(simulation)
            : builder.realTime();
    boolean awsNodes =
        cluster.provider() == Cluster.Provider.EKS || cluster.provider() == Cluster.Provider.ASG;
    if (awsNodes) {
      builder.nodes(List.of());
    }
    SimulatedCluster simulated = builder.start();
    if (cluster.provider() == Cluster.Provider.EKS && cluster.eks().isPresent()) {
      Cluster.Eks eks = cluster.eks().get();
      aws.eks().createCluster(eks.name(), simulated);
      eks.nodegroups()
          .forEach(ng -> aws.eks().createNodegroup(eks.name(), ng, settings.nodesPerGroup()));
    } else if (cluster.provider() == Cluster.Provider.ASG && cluster.asg().isPresent()) {
      Cluster.Asg asg = cluster.asg().get();
      // The control plane Shipmate rolls first (kops-style): its nodes are tainted against
      // workloads, and the cluster's /version follows the group's instances. The configuration
      // keeps it out of asg.groups.
      asg.controlPlane().ifPresent(group -> createGroup(aws, simulated, settings, group, true));
      asg.groups().forEach(group -> createGroup(aws, simulated, settings, group, false));
    }
    simulated.settle();
    return simulated;
  }

  private static void createGroup(
      SimulatedAws aws,
      SimulatedCluster simulated,
      WorldSettings settings,
      String group,
      boolean controlPlane) {
    GroupSpec spec =
        GroupSpec.of(group, simulated, settings.kubernetesVersion(), settings.nodesPerGroup())
            .withNodeLabel("sandbox.shipmate.dev/autoscaling-group", group);
    aws.compute().createGroup(controlPlane ? spec.asControlPlane() : spec);
  }

  /**
   * Every service's Deployments in every environment, rolled out. On real time they are all created
   * first and then waited for, so that seeding takes one pod start rather than one per Deployment;
   * on a simulation clock each rolls out in turn, as it always has (time costs nothing there).
   */
  private static void seedServices(
      ShipmateConfig config, WorldSettings settings, Map<String, SimulatedCluster> clusters) {
    List<Runnable> rollouts = new ArrayList<>();
    for (Environment environment : config.environments().values()) {
      // An environment deployed in waves has the services in every cluster of its waves.
      for (String clusterName : environment.clusters()) {
        seedServices(config, settings, environment, clusters.get(clusterName), rollouts);
      }
    }
    rollouts.forEach(Runnable::run);
  }

  private static void seedServices(
      ShipmateConfig config,
      WorldSettings settings,
      Environment environment,
      SimulatedCluster cluster,
      List<Runnable> rollouts) {
    for (Service service : config.services().values()) {
      for (String deployment : service.deployments()) {
        String namespace = environment.namespace();
        String image = service.imageAt(settings.initialVersion());
        if (settings.realTime()) {
          cluster.createDeployment(namespace, deployment, image, settings.replicas());
          rollouts.add(() -> cluster.awaitRollout(namespace, deployment));
        } else {
          cluster.addDeployment(namespace, deployment, image, settings.replicas());
        }
      }
    }
  }

  private static void seedCutovers(ShipmateConfig config, SimulatedRoute53 route53) {
    seedCutovers(config, route53, SEEDED_TTL);
  }

  /**
   * Every CloudWatch alarm the configuration names (a cutover's {@code health.alarm}, a {@code
   * cloudwatch} check's alarm without placeholders), in OK in its region: a world is healthy until
   * a test sets an alarm otherwise ({@code aws().cloudWatch().setAlarm}).
   */
  private static void seedAlarms(ShipmateConfig config, SimulatedAws aws) {
    for (Cutover cutover : config.cutovers().values()) {
      cutover
          .health()
          .alarm()
          .ifPresent(alarm -> aws.cloudWatch().setAlarm(SimulatedAws.REGION, alarm, AlarmState.OK));
    }
    for (AnalysisCheck check : config.analysis().checks().values()) {
      if (check.source() instanceof AnalysisCheck.CloudWatch alarm
          && !alarm.alarm().contains("{")) {
        aws.cloudWatch()
            .setAlarm(alarm.region().orElse(SimulatedAws.REGION), alarm.alarm(), AlarmState.OK);
      }
    }
  }

  /** The TTL of the seeded weighted records, in seconds. */
  static final long SEEDED_TTL = 60;

  /**
   * Each cutover's blue and green weighted records at 100/0 with {@code ttl}: at start, or again
   * with a shorter TTL ({@link FastClock}), which a cutover waits out before it bakes.
   */
  static void seedCutovers(ShipmateConfig config, SimulatedRoute53 route53, long ttl) {
    for (Cutover cutover : config.cutovers().values()) {
      String record = cutover.record().endsWith(".") ? cutover.record() : cutover.record() + ".";
      String zoneName = record.substring(record.indexOf('.') + 1);
      if (route53.hostedZones().stream().noneMatch(z -> z.id().equals(cutover.zone()))) {
        route53.createHostedZone(cutover.zone(), zoneName);
      }
      route53.putWeightedRecord(
          cutover.zone(),
          record,
          cutover.type(),
          cutover.blue(),
          100,
          ttl,
          cutover.blue() + "." + zoneName.replaceAll("\\.$", ""));
      route53.putWeightedRecord(
          cutover.zone(),
          record,
          cutover.type(),
          cutover.green(),
          0,
          ttl,
          cutover.green() + "." + zoneName.replaceAll("\\.$", ""));
    }
  }

  /**
   * The configured channels, with the bot a member of each (as the workspace's admins would have
   * invited it: its cards' threads and files need it), and the configured people.
   */
  private static void seedSlack(ShipmateConfig config, SimulatedSlack slack) {
    config.slack().channel().ifPresent(slack::addBotTo);
    config.environments().values().forEach(e -> e.channel().ifPresent(slack::addBotTo));
    config.drift().ifPresent(d -> slack.addBotTo(d.channel()));
    config
        .groups()
        .forEach(
            (group, members) -> {
              for (String member : members) {
                slack.addUser(
                    new SimulatedSlack.User(
                        member,
                        member.toLowerCase(),
                        group + " member " + member,
                        "Europe/Dublin"));
              }
            });
  }

  /**
   * The previews' repository has pull request {@link #EXAMPLE_PULL_REQUEST} open, its head at
   * {@link #EXAMPLE_HEAD}: the README's {@code /env up pr-123} runs it without {@code --ref}.
   */
  private static void seedGitHub(ShipmateConfig config, SimulatedGitHub github) {
    config
        .previews()
        .flatMap(Previews::github)
        .ifPresent(repo -> github.openPullRequest(repo.repo(), EXAMPLE_PULL_REQUEST, EXAMPLE_HEAD));
  }

  public Clock clock() {
    return clock;
  }

  /** The simulated cluster of a configured cluster name ({@code prod-eu}). */
  public SimulatedCluster cluster(String name) {
    return Optional.ofNullable(clusters.get(name))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no simulated cluster named " + name + "; there are " + clusters.keySet()));
  }

  public SimulatedAws aws() {
    return aws;
  }

  public SimulatedSlack slack() {
    return slack;
  }

  /**
   * The green stack's health endpoint ({@code SANDBOX_GREEN_HEALTH_URL}): healthy until {@link
   * SimulatedHealthEndpoint#fail}, so that a cutover's bake can be watched passing or reverting.
   */
  public SimulatedHealthEndpoint greenHealth() {
    return greenHealth;
  }

  /**
   * Prometheus' HTTP API ({@code SANDBOX_PROMETHEUS_URL}), its series following every cluster of
   * the world: a Deployment on an image tagged {@code -errors} has a high error ratio.
   */
  public SimulatedPrometheus prometheus() {
    return prometheus;
  }

  /** The GitHub stand-in previews report to (commit statuses, the pull request comment). */
  public SimulatedGitHub github() {
    return github;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  /**
   * Moves the shared clock forward, stopping wherever any cluster's controllers or the AWS
   * stand-ins have something due, and letting each act there.
   *
   * @throws IllegalStateException on real time
   */
  public synchronized void advance(Duration duration) {
    if (!(clock instanceof SimulationClock simulation)) {
      throw new IllegalStateException(
          "advance() needs the simulation clock; this world runs on real time");
    }
    Instant target = simulation.instant().plus(duration);
    settle();
    while (true) {
      Optional<Instant> next = nextDue().filter(at -> !at.isAfter(target));
      if (next.isEmpty()) {
        break;
      }
      simulation.moveTo(next.get());
      settle();
    }
    simulation.moveTo(target);
    settle();
  }

  /** Runs what is due now, in the stand-ins and every cluster, until nothing more changes. */
  public synchronized void settle() {
    do {
      clusters.values().forEach(SimulatedCluster::settle);
    } while (aws.runDue() > 0);
  }

  private Optional<Instant> nextDue() {
    List<Instant> due = new ArrayList<>();
    aws.nextDue().ifPresent(due::add);
    clusters.values().forEach(c -> c.controllers().nextWakeup().ifPresent(due::add));
    return due.stream().min(Instant::compareTo);
  }

  /**
   * {@code KUBECONFIG}, {@code AWS_*}, {@code SLACK_*}, {@code GITHUB_*}: what a {@code serve}
   * needs.
   */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KUBECONFIG", kubeconfig.toString());
    env.putAll(new java.util.TreeMap<>(aws.environment()));
    env.putAll(new java.util.TreeMap<>(slack.environment()));
    env.putAll(github.environment());
    env.put(GREEN_HEALTH_URL, greenHealth.url().toString());
    env.put(PROMETHEUS_URL, prometheus.url().toString());
    return env;
  }

  /** Writes {@link #environment()} as {@code NAME=value} lines. */
  public Path writeEnvFile(Path file) {
    StringBuilder text = new StringBuilder("# written by the Shipmate sandbox\n");
    environment()
        .forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
    try {
      return Files.writeString(file, text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    clusters.values().forEach(SimulatedCluster::close);
    aws.close();
    slack.close();
    github.close();
    greenHealth.close();
    prometheus.close();
  }
}
