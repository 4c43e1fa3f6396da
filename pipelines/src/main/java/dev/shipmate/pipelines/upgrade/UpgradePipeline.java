package dev.shipmate.pipelines.upgrade;

import dev.shipmate.config.FreezeBlock;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.freeze.Change;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.pipelines.analysis.CheckMeasurer;
import dev.shipmate.pipelines.analysis.PrometheusClient;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * {@code /upgrade prod-eu 1.32}: {@code preflight} → {@code control-plane} → {@code
 * wait-control-plane} → {@code nodes} (the cluster's {@code analysis} checks after each batch: a
 * failing one pauses the run and asks). Holds {@code cluster:<name>}, which deploys (and cutovers)
 * to the cluster are refused on while it runs.
 *
 * <p>Nothing is undone on failure: a replaced node is not put back on the old version (Kubernetes
 * does not downgrade), and the message says where the run stopped and that a new /upgrade carries
 * on from there.
 */
public final class UpgradePipeline implements Pipeline<UpgradeRequest> {
  public static final String TYPE = "upgrade";

  private final UpgradeTargets targets;
  private final Preflight preflight;
  private final UpgradeGateways gateways;
  private final List<Step<UpgradeRequest>> steps;

  /**
   * Self-managed groups' new nodes start the newest image EC2 lists for the cluster's {@code
   * asg.image} ({@link NodeImages#describedBy}).
   */
  public UpgradePipeline(
      ShipmateConfig config, UpgradeGateways gateways, UpgradeSettings settings) {
    this(config, gateways, NodeImages.describedBy(gateways), settings);
  }

  public UpgradePipeline(
      ShipmateConfig config,
      UpgradeGateways gateways,
      NodeImages images,
      UpgradeSettings settings) {
    this(
        config,
        gateways,
        images,
        settings,
        new CheckMeasurer(
            new PrometheusClient(new OkHttpClient(), PrometheusClient.DEFAULT_TIMEOUT),
            gateways.cloudWatch()));
  }

  /**
   * @param measurer measures the cluster's checks ({@code clusters.NAME.analysis}) after each batch
   *     of nodes
   */
  public UpgradePipeline(
      ShipmateConfig config,
      UpgradeGateways gateways,
      NodeImages images,
      UpgradeSettings settings,
      CheckMeasurer measurer) {
    this.targets = new UpgradeTargets(config);
    BatchChecks checks = new BatchChecks(config.analysis(), measurer);
    this.preflight = new Preflight(targets, gateways, images, settings);
    this.gateways = gateways;
    this.steps =
        List.of(
            new PreflightStep(preflight),
            new ControlPlaneStep(targets, gateways),
            new WaitControlPlaneStep(targets, gateways, settings),
            new RollNodesStep(
                targets,
                gateways,
                new AutoScalingGroupRoll(gateways, images, settings, checks),
                new ManagedNodegroupRoll(gateways, settings, checks),
                checks,
                settings.perNodeEstimate()));
  }

  @Override
  public String type() {
    return TYPE;
  }

  /**
   * A pause stops between checks, so the node in hand is left cordoned or draining as it is and the
   * next node is not started; resuming goes on from there.
   */
  @Override
  public boolean pausable() {
    return true;
  }

  @Override
  public char idPrefix() {
    return 'u';
  }

  @Override
  public Class<UpgradeRequest> paramsType() {
    return UpgradeRequest.class;
  }

  /**
   * {@code cluster:<name>}.
   *
   * @throws UpgradeRefusedException for an unknown cluster, a cluster Shipmate does not upgrade, or
   *     a version that is none: the engine then starts nothing
   */
  @Override
  public Optional<Change> change(UpgradeRequest params) {
    return Optional.of(Change.ofCluster(FreezeBlock.UPGRADE, params.cluster()));
  }

  @Override
  public LockKey lockKey(UpgradeRequest params) {
    targets.resolve(params);
    return UpgradeTargets.lockKey(params.cluster());
  }

  /** {@code upgrade prod-eu to Kubernetes 1.32}. */
  @Override
  public String summary(UpgradeRequest params) {
    return "upgrade " + params.cluster() + " to Kubernetes " + params.version();
  }

  @Override
  public List<Step<UpgradeRequest>> steps() {
    return steps;
  }

  /**
   * The preflight alone, changing nothing: what {@code --dry-run} shows.
   *
   * @throws UpgradeRefusedException when the names do not resolve
   */
  public Preflight.Result dryRun(UpgradeRequest params) {
    return preflight.check(params);
  }

  /**
   * The cluster as it is now, in a line or two: what {@code /upgrade prod-eu status} shows.
   *
   * @throws UpgradeRefusedException for an unknown cluster
   */
  public String clusterStatus(String cluster) {
    return ClusterStatus.read(targets.cluster(cluster), gateways).describe();
  }

  /** What is wrong with the names, before a run is asked for; empty when they resolve. */
  @Override
  public List<String> problems(UpgradeRequest params) {
    return targets.problems(params);
  }
}
