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
      environments.add(read(found, target));
    }
    return new VersionReport(found.name(), environments);
  }

  /**
   * The service's version in one environment, read live, in words ({@code prod: v1.2}); why it
   * could not be read in its place.
   *
   * @throws PlanRefusedException when there is no such service, naming the known ones
   */
  public String in(String service, String environment) {
    Service found = targets.service(service);
    return targets.everywhere(found).stream()
        .filter(target -> target.environment().name().equals(environment))
        .findFirst()
        .map(target -> read(found, target).text())
        .orElse(environment + ": " + service + " is not deployed there by Shipmate");
  }

  private VersionReport.EnvironmentVersions read(Service found, DeployTarget target) {
    try {
      List<DeploymentSnapshot> live = planner.live(target);
      return VersionReport.EnvironmentVersions.of(found, target.environment(), live);
    } catch (RuntimeException e) {
      log.warn("cannot read {} in {}", found.name(), target.environment().name(), e);
      String reason =
          classifier
              .classify(e)
              .map(Failure::message)
              .orElse("cluster " + target.cluster().name() + " could not be read");
      return VersionReport.EnvironmentVersions.unavailable(target.environment(), reason);
    }
  }
}
