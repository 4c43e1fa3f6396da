package dev.shipmate.bot.slice;

import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.pipelines.deploy.RolloutWatches;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import dev.shipmate.pipelines.upgrade.ComputeClients;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The clients the pipelines are made on, shared by every slice: one Kubernetes client per cluster,
 * the AWS clients, GitHub's settings, and the way a watch wakes a run. What a slice makes on them
 * and must close (watches, HTTP clients) it hands to {@link #closeLater}.
 *
 * @param wake wakes a run early (a watch saw its rollout move); a no-op until the engine is open
 */
public record PipelineClients(
    ShipmateConfig config,
    Clock clock,
    KubernetesClients kubernetes,
    ComputeClients aws,
    Route53Client route53,
    GitHubSettings github,
    Consumer<RunId> wake,
    Shared shared) {

  public PipelineClients {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(kubernetes, "kubernetes");
    Objects.requireNonNull(aws, "aws");
    Objects.requireNonNull(route53, "route53");
    Objects.requireNonNull(github, "github");
    Objects.requireNonNull(wake, "wake");
    Objects.requireNonNull(shared, "shared");
  }

  public PipelineClients(
      ShipmateConfig config,
      Clock clock,
      KubernetesClients kubernetes,
      ComputeClients aws,
      Route53Client route53,
      GitHubSettings github,
      Consumer<RunId> wake) {
    this(config, clock, kubernetes, aws, route53, github, wake, new Shared());
  }

  /** The clusters' Deployments: one gateway for the pipelines and what reads them outside a run. */
  public DeploymentGateways deploymentGateways() {
    return shared.gateways(kubernetes);
  }

  /** The rollout watches that wake deploy and rollback runs; one for all of them. */
  public RolloutWatches rolloutWatches() {
    return shared.watches(deploymentGateways(), wake);
  }

  /** Closed with the clients, after the engine has stopped, in reverse order. */
  public void closeLater(AutoCloseable resource) {
    shared.closeLater(resource);
  }

  /** The parts made on the clients once and shared; what must be closed. */
  public static final class Shared {
    private DeploymentGateways gateways;
    private RolloutWatches watches;
    private final List<AutoCloseable> resources = new ArrayList<>();

    synchronized DeploymentGateways gateways(KubernetesClients kubernetes) {
      if (gateways == null) {
        gateways = DeploymentGateways.fabric8(kubernetes);
      }
      return gateways;
    }

    synchronized RolloutWatches watches(DeploymentGateways on, Consumer<RunId> wake) {
      if (watches == null) {
        watches = new RolloutWatches(on, wake::accept);
        resources.add(watches);
      }
      return watches;
    }

    synchronized void closeLater(AutoCloseable resource) {
      resources.add(Objects.requireNonNull(resource, "resource"));
    }

    /** What was handed over to be closed, newest first. */
    public synchronized List<AutoCloseable> resources() {
      List<AutoCloseable> newestFirst = new ArrayList<>(resources);
      java.util.Collections.reverse(newestFirst);
      return newestFirst;
    }
  }
}
