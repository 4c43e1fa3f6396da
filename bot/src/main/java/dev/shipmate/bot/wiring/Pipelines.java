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
import dev.shipmate.pipelines.cutover.Route53ExceptionClassifier;
import dev.shipmate.pipelines.deploy.DeployPipeline;
import dev.shipmate.pipelines.deploy.KubernetesExceptionClassifier;
import dev.shipmate.pipelines.deploy.RollbackPipeline;
import dev.shipmate.pipelines.deploy.RolloutWatches;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private final RolloutWatches watches;
  private final PipelineRegistry registry;
  private final AtomicReference<Engine> engine = new AtomicReference<>();
  private final Optional<PreviewPipelines> previews;

  private Pipelines(
      ShipmateConfig config, Clock clock, KubernetesClients kubernetes, GitHubSettings github) {
    this.kubernetes = kubernetes;
    DeploymentGateways gateways = DeploymentGateways.fabric8(kubernetes);
    this.watches = new RolloutWatches(gateways, this::wake);
    List<Pipeline<?>> pipelines =
        new ArrayList<>(
            List.of(
                new DeployPipeline(config, gateways, clock, watches),
                new RollbackPipeline(config, gateways, clock, watches)));
    this.previews = PreviewPipelines.of(config, kubernetes, github, clock, this::wake);
    previews.ifPresent(p -> pipelines.addAll(p.pipelines()));
    this.registry = PipelineRegistry.of(pipelines);
  }

  /**
   * The production pipelines, on the clusters of the kubeconfig found the standard way ({@code
   * KUBECONFIG}, else {@code ~/.kube/config}); each cluster's client is made when first used.
   */
  public static Pipelines production(ShipmateConfig config, Clock clock) {
    return production(config, clock, GitHubSettings.none());
  }

  /** The production pipelines; previews report to GitHub as {@code github} says. */
  public static Pipelines production(ShipmateConfig config, Clock clock, GitHubSettings github) {
    return new Pipelines(config, clock, KubernetesClients.fromEnvironment(), github);
  }

  /** The production pipelines on the clusters of one kubeconfig file (the sandbox writes one). */
  public static Pipelines on(ShipmateConfig config, Clock clock, KubernetesClients kubernetes) {
    return on(config, clock, kubernetes, GitHubSettings.none());
  }

  /** The production pipelines on {@code kubernetes}; previews report to GitHub as it says. */
  public static Pipelines on(
      ShipmateConfig config, Clock clock, KubernetesClients kubernetes, GitHubSettings github) {
    return new Pipelines(config, clock, kubernetes, github);
  }

  /** Previews, when the configuration has {@code previews:}. */
  public Optional<PreviewSetup> previews() {
    return previews.map(PreviewPipelines::setup);
  }

  public PipelineRegistry registry() {
    return registry;
  }

  /** How the pipelines' libraries' exceptions are classified (Kubernetes, Route53). */
  public List<ExceptionClassifier> classifiers() {
    return List.of(new KubernetesExceptionClassifier(), new Route53ExceptionClassifier());
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

  /** Closes the watches, then the clusters' clients. Call after the engine has stopped. */
  @Override
  public void close() {
    try {
      watches.close();
      previews.ifPresent(PreviewPipelines::close);
    } finally {
      kubernetes.close();
    }
  }
}
