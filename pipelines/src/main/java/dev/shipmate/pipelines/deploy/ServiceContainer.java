package dev.shipmate.pipelines.deploy;

import dev.shipmate.config.Service;
import dev.shipmate.pipelines.kubernetes.DeploymentRef;
import dev.shipmate.pipelines.kubernetes.PodTemplates;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The container of a pod template that runs a service: the one {@code services.NAME.container}
 * names, or the only one there is.
 */
public final class ServiceContainer {
  private ServiceContainer() {}

  /**
   * The service's container in a Deployment's template.
   *
   * @throws PlanRefusedException when it is not there, or there are several and none is named
   */
  public static Container in(Service service, DeploymentRef deployment, PodTemplateSpec template) {
    return find(service, template).orElseThrow(() -> refusal(service, deployment, template));
  }

  /** The service's container, when the template has exactly one that fits. */
  public static Optional<Container> find(Service service, PodTemplateSpec template) {
    List<Container> containers = PodTemplates.containers(template);
    if (service.container().isPresent()) {
      String name = service.container().get();
      return containers.stream().filter(c -> name.equals(c.getName())).findFirst();
    }
    return containers.size() == 1 ? Optional.of(containers.get(0)) : Optional.empty();
  }

  private static PlanRefusedException refusal(
      Service service, DeploymentRef deployment, PodTemplateSpec template) {
    List<Container> containers = PodTemplates.containers(template);
    String names = containers.stream().map(Container::getName).collect(Collectors.joining(", "));
    String where = "Deployment " + deployment.name() + " in namespace " + deployment.namespace();
    if (containers.isEmpty()) {
      return new PlanRefusedException(where + " has no containers to set an image on.");
    }
    if (service.container().isPresent()) {
      return new PlanRefusedException(
          where
              + " has no container named '"
              + service.container().get()
              + "' (its containers: "
              + names
              + "): set services."
              + service.name()
              + ".container to one of them in the configuration.");
    }
    return new PlanRefusedException(
        where
            + " has "
            + containers.size()
            + " containers ("
            + names
            + "): say which one runs "
            + service.name()
            + " with services."
            + service.name()
            + ".container in the configuration.");
  }
}
