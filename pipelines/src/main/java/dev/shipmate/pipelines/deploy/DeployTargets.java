package dev.shipmate.pipelines.deploy;

import dev.shipmate.config.Cluster;
import dev.shipmate.config.Environment;
import dev.shipmate.config.Service;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.pipeline.StepException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves the names a person typed into configured things, or refuses with every name that is
 * wrong and the names that would do.
 */
public final class DeployTargets {
  private final ShipmateConfig config;

  public DeployTargets(ShipmateConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * @throws PlanRefusedException naming each unknown service or environment and the known ones
   */
  public DeployTarget resolve(String service, String environment) {
    List<String> problems = new ArrayList<>();
    Optional<Service> foundService = config.service(service);
    if (foundService.isEmpty()) {
      problems.add(unknown("service", service, config.services().keySet(), "services"));
    }
    Optional<Environment> foundEnvironment = config.environment(environment);
    if (foundEnvironment.isEmpty()) {
      problems.add(
          unknown("environment", environment, config.environments().keySet(), "environments"));
    }
    Optional<Cluster> cluster = foundEnvironment.flatMap(e -> config.cluster(e.cluster()));
    if (foundEnvironment.isPresent() && cluster.isEmpty()) {
      problems.add(
          "Environment "
              + environment
              + " is on cluster "
              + foundEnvironment.get().cluster()
              + ", which the configuration does not define: fix environments."
              + environment
              + ".cluster.");
    }
    if (!problems.isEmpty()) {
      throw new PlanRefusedException(problems);
    }
    return new DeployTarget(foundService.get(), foundEnvironment.get(), cluster.get());
  }

  /** What is wrong with the names: empty when they resolve (checked before a run is asked for). */
  public List<String> problems(String service, String environment) {
    try {
      resolve(service, environment);
      return List.of();
    } catch (PlanRefusedException e) {
      return e.problems();
    }
  }

  /**
   * The target of a run that is already going: names that no longer resolve (the configuration
   * changed under it) are a user error of the step, not a crash.
   */
  public DeployTarget forStep(String service, String environment) {
    try {
      return resolve(service, environment);
    } catch (PlanRefusedException e) {
      throw StepException.user(String.join("\n", e.problems()));
    }
  }

  /**
   * The environment, if it is deployed in waves: a command that acts on one cluster refuses it, as
   * it would change the first cluster and leave the others behind.
   */
  public Optional<Environment> inWaves(String environment) {
    return config.environment(environment).filter(Environment::inWaves);
  }

  /** The service by name, for commands about a service in every environment. */
  public Service service(String service) {
    return config
        .service(service)
        .orElseThrow(
            () ->
                new PlanRefusedException(
                    unknown("service", service, config.services().keySet(), "services")));
  }

  /** Every environment with its cluster, in the order of the configuration. */
  public List<DeployTarget> everywhere(Service service) {
    List<DeployTarget> targets = new ArrayList<>();
    for (Environment environment : config.environments().values()) {
      config
          .cluster(environment.cluster())
          .ifPresent(cluster -> targets.add(new DeployTarget(service, environment, cluster)));
    }
    return targets;
  }

  private static String unknown(
      String kind, String typed, java.util.Collection<String> known, String section) {
    return "There is no "
        + kind
        + " named '"
        + typed
        + "'"
        + (known.isEmpty()
            ? "; the configuration defines none (add one under " + section + ")."
            : "; known: " + String.join(", ", known) + ".");
  }
}
