package dev.shipmate.bot.wiring;

import dev.shipmate.bot.preview.GitHubSettings;
import dev.shipmate.bot.preview.PreviewPipelines;
import dev.shipmate.bot.preview.PreviewSetup;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.pipeline.ExceptionClassifier;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.pipelines.cutover.AwsRoute53Gateway;
import dev.shipmate.pipelines.cutover.CutoverPipeline;
import dev.shipmate.pipelines.cutover.ProbeClient;
import dev.shipmate.pipelines.cutover.Route53ExceptionClassifier;
import dev.shipmate.pipelines.deploy.DeployPipeline;
import dev.shipmate.pipelines.deploy.DeploySettings;
import dev.shipmate.pipelines.deploy.KubernetesExceptionClassifier;
import dev.shipmate.pipelines.deploy.RollbackPipeline;
import dev.shipmate.pipelines.deploy.RolloutWatches;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import dev.shipmate.pipelines.upgrade.ComputeClients;
import dev.shipmate.pipelines.upgrade.UpgradeExceptionClassifier;
import dev.shipmate.pipelines.upgrade.UpgradeGateways;
import dev.shipmate.pipelines.upgrade.UpgradePipeline;
import dev.shipmate.pipelines.upgrade.UpgradeSettings;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The one place where the pipelines this build runs are put together, with the clients they need,
 * and handed to the engine. A command whose pipeline is not registered here is answered "not wired
 * yet" and starts nothing.
 *
 * <p>The pipelines exist before the engine does (the engine needs them to open), yet their watches
 * wake the engine's runs: the engine is bound once it is open. A wake-up before then is dropped,
 * which is harmless — every watching step also polls.
 */
public final class Pipelines implements EngineBinding {

  /** The type under which {@code /deploy} starts runs, with {@code DeployRequest} params. */
  public static final String DEPLOY = DeployPipeline.TYPE;

  /** The type under which {@code /rollback} starts runs, with {@code RollbackRequest} params. */
  public static final String ROLLBACK = "rollback";

  private static final Logger log = LoggerFactory.getLogger(Pipelines.class);

  private final KubernetesClients kubernetes;
  private final ComputeClients aws;
  private final Route53Client route53;
  private final RolloutWatches watches;
  private final DeploymentGateways gateways;
  private final PipelineRegistry registry;
  private final AtomicReference<Engine> engine = new AtomicReference<>();
  private final Optional<PreviewPipelines> previews;

  private Pipelines(
      ShipmateConfig config,
      Clock clock,
      KubernetesClients kubernetes,
      ComputeClients aws,
      Route53Client route53,
      GitHubSettings github) {
    this.kubernetes = kubernetes;
    this.aws = aws;
    this.route53 = route53;
    this.gateways = DeploymentGateways.fabric8(kubernetes);
    this.watches = new RolloutWatches(gateways, this::wake);
    DeploySettings deploySettings = DeploySettings.of(config.deploy());
    List<Pipeline<?>> pipelines =
        new ArrayList<>(
            List.of(
                new DeployPipeline(config, gateways, clock, watches, deploySettings),
                new RollbackPipeline(config, gateways, clock, watches, deploySettings),
                new UpgradePipeline(
                    config,
                    new UpgradeGateways(kubernetes, aws),
                    UpgradeSettings.of(config.upgrade())),
                new CutoverPipeline(
                    config,
                    new AwsRoute53Gateway(route53),
                    new ProbeClient(new OkHttpClient(), clock, ProbeClient.DEFAULT_TIMEOUT),
                    clock)));
    this.previews = PreviewPipelines.of(config, kubernetes, github, clock, this::wake);
    previews.ifPresent(p -> pipelines.addAll(p.pipelines()));
    this.registry = PipelineRegistry.of(pipelines);
  }

  /**
   * The production pipelines, on the clusters of the kubeconfig found the standard way ({@code
   * KUBECONFIG}, else {@code ~/.kube/config}); each cluster's client is made when first used. AWS
   * clients find their credentials and region the SDK's way.
   */
  public static Pipelines production(ShipmateConfig config, Clock clock) {
    return production(config, clock, GitHubSettings.none());
  }

  /** The production pipelines; previews report to GitHub as {@code github} says. */
  public static Pipelines production(ShipmateConfig config, Clock clock, GitHubSettings github) {
    return new Pipelines(
        config,
        clock,
        KubernetesClients.fromEnvironment(),
        ComputeClients.fromEnvironment(),
        AwsRoute53Gateway.clientFromEnvironment(),
        github);
  }

  /** The production pipelines on the clusters of one kubeconfig file (the sandbox writes one). */
  public static Pipelines on(ShipmateConfig config, Clock clock, KubernetesClients kubernetes) {
    return on(config, clock, kubernetes, GitHubSettings.none());
  }

  /** The production pipelines on {@code kubernetes}; previews report to GitHub as it says. */
  public static Pipelines on(
      ShipmateConfig config, Clock clock, KubernetesClients kubernetes, GitHubSettings github) {
    return new Pipelines(
        config,
        clock,
        kubernetes,
        ComputeClients.fromEnvironment(),
        AwsRoute53Gateway.clientFromEnvironment(),
        github);
  }

  /**
   * The production pipelines on one kubeconfig and every AWS service at one endpoint: the sandbox's
   * stand-ins, which take any credentials.
   */
  public static Pipelines on(
      ShipmateConfig config, Clock clock, KubernetesClients kubernetes, URI awsEndpoint) {
    return new Pipelines(
        config,
        clock,
        kubernetes,
        ComputeClients.at(awsEndpoint),
        AwsRoute53Gateway.clientAt(awsEndpoint, "sandbox", "sandbox"),
        GitHubSettings.none());
  }

  /** Previews, when the configuration has {@code previews:}. */
  public Optional<PreviewSetup> previews() {
    return previews.map(PreviewPipelines::setup);
  }

  public PipelineRegistry registry() {
    return registry;
  }

  /** The clusters' Deployments, for what reads them outside a run (a dry run, what runs where). */
  public DeploymentGateways gateways() {
    return gateways;
  }

  /** How the pipelines' libraries' exceptions are classified (Kubernetes, Route53). */
  public List<ExceptionClassifier> classifiers() {
    // The upgrade's classifier first: Route53's takes any AWS exception for its own.
    return List.of(
        new UpgradeExceptionClassifier(),
        new KubernetesExceptionClassifier(),
        new Route53ExceptionClassifier());
  }

  @Override
  public void bind(Engine opened) {
    engine.set(opened);
  }

  private void wake(RunId run) {
    Engine bound = engine.get();
    if (bound == null) {
      log.debug("wake-up of {} before the engine is open: its step will poll", run);
      return;
    }
    bound.wake(run);
  }

  /** Closes the watches, then the clients. Call after the engine has stopped. */
  @Override
  public void close() {
    try {
      watches.close();
      previews.ifPresent(PreviewPipelines::close);
    } finally {
      try {
        kubernetes.close();
      } finally {
        try {
          aws.close();
        } finally {
          route53.close();
        }
      }
    }
  }
}
