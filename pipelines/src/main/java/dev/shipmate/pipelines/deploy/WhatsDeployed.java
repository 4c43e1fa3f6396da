package dev.shipmate.pipelines.deploy;

import dev.shipmate.config.Service;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.run.Failure;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import dev.shipmate.pipelines.kubernetes.DeploymentSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /whats-deployed web}: the service's version in every environment, read live. An
 * environment whose cluster cannot be read says why, and the others are still answered.
 */
public final class WhatsDeployed {
  private static final Logger log = LoggerFactory.getLogger(WhatsDeployed.class);

  private final DeployTargets targets;
  private final DeployPlanner planner;
  private final KubernetesExceptionClassifier classifier = new KubernetesExceptionClassifier();

  public WhatsDeployed(ShipmateConfig config, DeploymentGateways gateways) {
    this.targets = new DeployTargets(config);
    this.planner = new DeployPlanner(targets, gateways);
  }

  /**
   * The report; {@link VersionReport#text()} is the answer in words.
   *
   * @throws PlanRefusedException when there is no such service, naming the known ones
   */
  public VersionReport report(String service) {
    Service found = targets.service(service);
    List<VersionReport.EnvironmentVersions> environments = new ArrayList<>();
    for (DeployTarget target : targets.everywhere(found)) {
      try {
        List<DeploymentSnapshot> live = planner.live(target);
        environments.add(VersionReport.EnvironmentVersions.of(found, target.environment(), live));
      } catch (RuntimeException e) {
        log.warn("cannot read {} in {}", service, target.environment().name(), e);
        String reason =
            classifier
                .classify(e)
                .map(Failure::message)
                .orElse("cluster " + target.cluster().name() + " could not be read");
        environments.add(
            VersionReport.EnvironmentVersions.unavailable(target.environment(), reason));
      }
    }
    return new VersionReport(found.name(), environments);
  }
}
