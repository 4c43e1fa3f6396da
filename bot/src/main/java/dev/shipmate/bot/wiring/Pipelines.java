package dev.shipmate.bot.wiring;

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
import dev.shipmate.pipelines.deploy.KubernetesExceptionClassifier;
import dev.shipmate.pipelines.deploy.RollbackPipeline;
import dev.shipmate.pipelines.deploy.RolloutWatches;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import java.time.Clock;
import java.util.List;
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

  /** The type under which {@code /cutover} starts runs, with {@code CutoverParams} params. */
  public static final String CUTOVER = CutoverPipeline.TYPE;

  /** The type under which {@code /rollback} starts runs, with {@code RollbackRequest} params. */
  public static final String ROLLBACK = "rollback";

  private static final Logger log = LoggerFactory.getLogger(Pipelines.class);

  private final KubernetesClients kubernetes;
  private final Route53Client route53;
  private final RolloutWatches watches;
  private final PipelineRegistry registry;
  private final AtomicReference<Engine> engine = new AtomicReference<>();

  private Pipelines(
      ShipmateConfig config, Clock clock, KubernetesClients kubernetes, Route53Client route53) {
    this.kubernetes = kubernetes;
    this.route53 = route53;
    DeploymentGateways gateways = DeploymentGateways.fabric8(kubernetes);
    this.watches = new RolloutWatches(gateways, this::wake);
    List<Pipeline<?>> pipelines =
        List.of(
            new DeployPipeline(config, gateways, clock, watches),
            new RollbackPipeline(config, gateways, clock, watches),
            new CutoverPipeline(
                config,
                new AwsRoute53Gateway(route53),
                new ProbeClient(new OkHttpClient(), clock, ProbeClient.DEFAULT_TIMEOUT),
                clock));
    this.registry = PipelineRegistry.of(pipelines);
  }

  /**
   * The production pipelines, on the clusters of the kubeconfig found the standard way ({@code
   * KUBECONFIG}, else {@code ~/.kube/config}); each cluster's client is made when first used.
   */
  public static Pipelines production(ShipmateConfig config, Clock clock) {
    return new Pipelines(
        config,
        clock,
        KubernetesClients.fromEnvironment(),
        AwsRoute53Gateway.clientFromEnvironment());
  }

  /** The production pipelines on the clusters of one kubeconfig file (the sandbox writes one). */
  public static Pipelines on(ShipmateConfig config, Clock clock, KubernetesClients kubernetes) {
    return new Pipelines(config, clock, kubernetes, AwsRoute53Gateway.clientFromEnvironment());
  }

  /** The production pipelines on one kubeconfig and one Route53 (the sandbox's stand-in). */
  public static Pipelines on(
      ShipmateConfig config, Clock clock, KubernetesClients kubernetes, Route53Client route53) {
    return new Pipelines(config, clock, kubernetes, route53);
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
    } finally {
      try {
        kubernetes.close();
      } finally {
        route53.close();
      }
    }
  }
}
