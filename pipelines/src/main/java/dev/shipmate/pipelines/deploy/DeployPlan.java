package dev.shipmate.pipelines.deploy;

import dev.shipmate.config.Environment;
import dev.shipmate.config.Service;
import dev.shipmate.pipelines.kubernetes.DeploymentRef;
import dev.shipmate.pipelines.kubernetes.DeploymentSnapshot;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code /deploy SERVICE VERSION ENVIRONMENT} would change, and what {@code --dry-run} prints:
 * for each Deployment of the service, the current image and the new one, replicas and strategy.
 * Made from live snapshots; changes nothing.
 */
public record DeployPlan(
    String service, String environment, String version, List<DeploymentChange> changes) {

  public DeployPlan {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(version, "version");
    changes = List.copyOf(changes);
  }

  /**
   * Plans a deploy of {@code version} of {@code service} to {@code environment}.
   *
   * @param live snapshots of the service's Deployments in the environment's namespace, as the
   *     gateway read them; a Deployment without one is missing
   * @throws PlanRefusedException listing every problem: a version that is not a tag, a missing
   *     Deployment, a container that cannot be told
   */
  public static DeployPlan of(
      Service service, Environment environment, List<DeploymentSnapshot> live, String version) {
    if (!ImageTags.isValidTag(version)) {
      throw new PlanRefusedException(
          "'"
              + version
              + "' is not an image tag: a version is letters, digits, '_', '.' and '-', up to 128"
              + " characters, not starting with '.' or '-' (for example v1.2).");
    }
    List<String> problems = new ArrayList<>();
    List<DeploymentChange> changes = new ArrayList<>();
    for (String name : service.deployments()) {
      DeploymentRef ref = new DeploymentRef(environment.namespace(), name);
      Optional<DeploymentSnapshot> snapshot =
          live.stream().filter(s -> s.ref().equals(ref)).findFirst();
      if (snapshot.isEmpty()) {
        problems.add(
            "Deployment "
                + name
                + " not found in namespace "
                + environment.namespace()
                + " (environment "
                + environment.name()
                + "): create it first, or fix services."
                + service.name()
                + ".deployments in the configuration.");
        continue;
      }
      try {
        changes.add(change(service, snapshot.get(), version));
      } catch (PlanRefusedException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new PlanRefusedException(problems);
    }
    return new DeployPlan(service.name(), environment.name(), version, changes);
  }

  /** Whether every Deployment already runs this version: say so, and do nothing. */
  public boolean alreadyDeployed() {
    return changes.stream().allMatch(DeploymentChange::unchanged);
  }

  /** The changes to make: the Deployments that are not at this version yet. */
  public List<DeploymentChange> toApply() {
    return changes.stream().filter(change -> !change.unchanged()).toList();
  }

  /** The plan in words, one line per Deployment after a heading. */
  public String summary() {
    if (alreadyDeployed()) {
      return service + " is already at " + version + " in " + environment + ": nothing to do.";
    }
    return "Deploy "
        + service
        + " "
        + version
        + " to "
        + environment
        + ":\n"
        + changes.stream().map(c -> "- " + c.describe()).collect(Collectors.joining("\n"));
  }

  private static DeploymentChange change(
      Service service, DeploymentSnapshot snapshot, String version) {
    Deployment deployment = snapshot.deployment();
    Container container =
        ServiceContainer.in(service, snapshot.ref(), deployment.getSpec().getTemplate());
    return new DeploymentChange(
        snapshot.ref(),
        container.getName(),
        Objects.requireNonNullElse(container.getImage(), ""),
        service.imageAt(version),
        replicas(deployment),
        strategy(deployment.getSpec().getStrategy()),
        snapshot.revision(),
        deployment.getSpec().getTemplate(),
        deployment.getMetadata().getResourceVersion());
  }

  /** Unset replicas mean 1, as the API server defaults them. */
  static int replicas(Deployment deployment) {
    Integer replicas = deployment.getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }

  /** The strategy in words, with the API's defaults filled in (RollingUpdate, 25% and 25%). */
  static String strategy(DeploymentStrategy strategy) {
    if (strategy != null && "Recreate".equals(strategy.getType())) {
      return "Recreate (every old pod stops before new ones start)";
    }
    IntOrString surge = null;
    IntOrString unavailable = null;
    if (strategy != null && strategy.getRollingUpdate() != null) {
      surge = strategy.getRollingUpdate().getMaxSurge();
      unavailable = strategy.getRollingUpdate().getMaxUnavailable();
    }
    return "RollingUpdate (max surge "
        + orDefault(surge)
        + ", max unavailable "
        + orDefault(unavailable)
        + ")";
  }

  private static String orDefault(IntOrString value) {
    if (value == null) {
      return "25%";
    }
    return value.getIntVal() != null ? value.getIntVal().toString() : value.getStrVal();
  }
}
