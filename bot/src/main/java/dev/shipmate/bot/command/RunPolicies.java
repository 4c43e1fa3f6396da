package dev.shipmate.bot.command;

import dev.shipmate.bot.wiring.Pipelines;
import dev.shipmate.config.Cluster;
import dev.shipmate.config.Environment;
import dev.shipmate.config.Policy;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.run.Run;
import dev.shipmate.pipelines.cutover.CutoverParams;
import dev.shipmate.pipelines.cutover.CutoverPipeline;
import dev.shipmate.pipelines.deploy.DeployRequest;
import dev.shipmate.pipelines.deploy.RollbackRequest;
import dev.shipmate.pipelines.upgrade.UpgradePipeline;
import dev.shipmate.pipelines.upgrade.UpgradeRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * Which configured target a run acts on, and so whose rules apply to approving and cancelling it
 * and whether its buttons ask for confirmation: a deploy's or rollback's environment.
 */
public final class RunPolicies {

  /**
   * @param name the target's name in the configuration ({@code prod})
   */
  public record Guard(String name, Policy policy) {
    public Guard {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(policy, "policy");
    }
  }

  private final ShipmateConfig config;

  public RunPolicies(ShipmateConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The target's rules, or empty for a pipeline without one (only its requester may act). */
  public Optional<Guard> of(Run run) {
    if (CutoverPipeline.TYPE.equals(run.pipeline())) {
      return cutoverOf(run)
          .flatMap(name -> Optional.ofNullable(config.cutovers().get(name)))
          .map(cutover -> new Guard(cutover.name(), cutover.policy()));
    }
    if (run.pipeline().equals(UpgradePipeline.TYPE)) {
      // An upgrade's rules are its cluster's (operators, approvers, approvals, confirm).
      return upgradedCluster(run).map(c -> new Guard(c.name(), c.policy()));
    }
    return environmentOf(run).flatMap(config::environment).map(RunPolicies::guard);
  }

  private static Optional<String> cutoverOf(Run run) {
    try {
      return Optional.of(run.params(CutoverParams.class).cutover());
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  private Optional<Cluster> upgradedCluster(Run run) {
    try {
      return config.cluster(run.params(UpgradeRequest.class).cluster());
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  public Optional<Guard> ofEnvironment(String environment) {
    return config.environment(environment).map(RunPolicies::guard);
  }

  private static Guard guard(Environment environment) {
    return new Guard(environment.name(), environment.policy());
  }

  private static Optional<String> environmentOf(Run run) {
    try {
      return switch (run.pipeline()) {
        case Pipelines.DEPLOY -> Optional.of(run.params(DeployRequest.class).environment());
        case Pipelines.ROLLBACK -> Optional.of(run.params(RollbackRequest.class).environment());
        default -> Optional.empty();
      };
    } catch (RuntimeException unreadable) {
      // A run stored by another build with other params: no rules known, so only its requester.
      return Optional.empty();
    }
  }
}
