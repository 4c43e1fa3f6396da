package dev.shipmate.bot.wiring;

import dev.shipmate.bot.preview.PreviewSetup;
import dev.shipmate.bot.preview.PreviewSlice;
import dev.shipmate.bot.slice.GitHubSettings;
import dev.shipmate.bot.slice.PipelineClients;
import dev.shipmate.bot.slice.PipelineSlice;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.pipeline.ExceptionClassifier;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.pipelines.cutover.AwsRoute53Gateway;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import dev.shipmate.pipelines.upgrade.ComputeClients;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The registered slices' pipelines, made on one set of clients and handed to the engine.
 *
 * <p>The pipelines exist before the engine does (the engine needs them to open), yet their watches
 * wake the engine's runs: the engine is bound once it is open. A wake-up before then is dropped,
 * which is harmless — every watching step also polls.
 */
public final class Pipelines implements EngineBinding {

  private static final Logger log = LoggerFactory.getLogger(Pipelines.class);

  private final List<PipelineSlice> slices;
  private final PipelineClients clients;
  private final PipelineRegistry registry;
  private final AtomicReference<Engine> engine = new AtomicReference<>();

  private Pipelines(
      ShipmateConfig config,
      Clock clock,
      KubernetesClients kubernetes,
      ComputeClients aws,
      Route53Client route53,
      GitHubSettings github,
      List<PipelineSlice> slices) {
    this.slices = List.copyOf(slices);
    this.clients = new PipelineClients(config, clock, kubernetes, aws, route53, github, this::wake);
    List<Pipeline<?>> pipelines = new ArrayList<>();
    for (PipelineSlice slice : slices) {
      pipelines.addAll(slice.pipelines(clients));
    }
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
        github,
        Registration.slices());
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
        github,
        Registration.slices());
  }

  /**
   * The production pipelines on one kubeconfig and every AWS service at one endpoint: the sandbox's
   * stand-ins, which take any credentials.
   */
  public static Pipelines on(
      ShipmateConfig config, Clock clock, KubernetesClients kubernetes, URI awsEndpoint) {
    return sandbox(
        config, clock, kubernetes, awsEndpoint, GitHubSettings.none(), Registration.slices());
  }

  /**
   * The production pipelines on one kubeconfig, every AWS service at one endpoint, and previews
   * reporting to GitHub as {@code github} says: the whole sandbox, its GitHub stand-in included
   * (local mode).
   */
  public static Pipelines on(
      ShipmateConfig config,
      Clock clock,
      KubernetesClients kubernetes,
      URI awsEndpoint,
      GitHubSettings github) {
    return sandbox(config, clock, kubernetes, awsEndpoint, github, Registration.slices());
  }

  /**
   * {@code slices}' pipelines on one kubeconfig and every AWS service at one endpoint: a test's own
   * slices beside (or instead of) the registered ones.
   */
  public static Pipelines on(
      ShipmateConfig config,
      Clock clock,
      KubernetesClients kubernetes,
      URI awsEndpoint,
      List<PipelineSlice> slices) {
    return sandbox(config, clock, kubernetes, awsEndpoint, GitHubSettings.none(), slices);
  }

  /** AWS at one endpoint whose stand-ins take any credentials. */
  private static Pipelines sandbox(
      ShipmateConfig config,
      Clock clock,
      KubernetesClients kubernetes,
      URI awsEndpoint,
      GitHubSettings github,
      List<PipelineSlice> slices) {
    return new Pipelines(
        config,
        clock,
        kubernetes,
        ComputeClients.at(awsEndpoint),
        AwsRoute53Gateway.clientAt(awsEndpoint, "sandbox", "sandbox"),
        github,
        slices);
  }

  /** The slices whose pipelines these are; the bot opens their fronts. */
  public List<PipelineSlice> slices() {
    return slices;
  }

  /** Previews, when the configuration has {@code previews:}. */
  public Optional<PreviewSetup> previews() {
    return slices.stream()
        .filter(PreviewSlice.class::isInstance)
        .map(PreviewSlice.class::cast)
        .findFirst()
        .flatMap(PreviewSlice::setup);
  }

  public PipelineRegistry registry() {
    return registry;
  }

  /** The clusters' Deployments, for what reads them outside a run (a dry run, what runs where). */
  public DeploymentGateways gateways() {
    return clients.deploymentGateways();
  }

  /** How the pipelines' libraries' exceptions are classified, slice by slice. */
  public List<ExceptionClassifier> classifiers() {
    return slices.stream().flatMap(slice -> slice.classifiers().stream()).toList();
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

  /** Closes what the slices made (watches first), then the clients. Call after the engine stops. */
  @Override
  public void close() {
    try {
      for (AutoCloseable resource : clients.shared().resources()) {
        try {
          resource.close();
        } catch (Exception e) {
          log.warn("closing {} failed", resource, e);
        }
      }
    } finally {
      try {
        clients.kubernetes().close();
      } finally {
        try {
          clients.aws().close();
        } finally {
          clients.route53().close();
        }
      }
    }
  }
}
