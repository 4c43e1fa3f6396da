package dev.shipmate.pipelines.deploy;

import dev.shipmate.config.Environment;
import dev.shipmate.config.Service;
import dev.shipmate.pipelines.kubernetes.DeploymentRef;
import dev.shipmate.pipelines.kubernetes.DeploymentSnapshot;
import dev.shipmate.pipelines.kubernetes.PodTemplates;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code /whats-deployed SERVICE} answers: the version of the service in each environment,
 * read live. The version is the tag of the service container's image in each Deployment's template;
 * while pods of several versions run (a rollout under way, or stuck), it says how many of each.
 */
public record VersionReport(String service, List<VersionReport.EnvironmentVersions> environments) {

  public VersionReport {
    Objects.requireNonNull(service, "service");
    environments = List.copyOf(environments);
  }

  /** The report in words: the service, then one line per environment. */
  public String text() {
    return service
        + ":\n"
        + environments.stream().map(e -> "- " + e.text()).collect(Collectors.joining("\n"));
  }

  /**
   * One environment: its Deployments' versions, or why they could not be read (say, the cluster was
   * unreachable).
   */
  public record EnvironmentVersions(
      String environment, List<DeploymentVersion> deployments, Optional<String> problem) {

    public EnvironmentVersions {
      Objects.requireNonNull(environment, "environment");
      deployments = List.copyOf(deployments);
      Objects.requireNonNull(problem, "problem");
    }

    /** The versions of the service's Deployments, from what the gateway read in the environment. */
    public static EnvironmentVersions of(
        Service service, Environment environment, List<DeploymentSnapshot> live) {
      List<DeploymentVersion> versions = new ArrayList<>();
      for (String name : service.deployments()) {
        DeploymentRef ref = new DeploymentRef(environment.namespace(), name);
        versions.add(
            live.stream()
                .filter(s -> s.ref().equals(ref))
                .findFirst()
                .map(s -> DeploymentVersion.of(service, s))
                .orElseGet(() -> DeploymentVersion.missing(ref)));
      }
      return new EnvironmentVersions(environment.name(), versions, Optional.empty());
    }

    /** An environment whose Deployments could not be read, and why. */
    public static EnvironmentVersions unavailable(Environment environment, String reason) {
      return new EnvironmentVersions(environment.name(), List.of(), Optional.of(reason));
    }

    /**
     * {@code prod: v1.2}; or with several Deployments at different versions, each named: {@code
     * prod: web v1.2, web-worker v1.1}.
     */
    public String text() {
      if (problem.isPresent()) {
        return environment + ": unknown (" + problem.get() + ")";
      }
      boolean uniform =
          deployments.size() == 1
              || deployments.stream().map(DeploymentVersion::text).distinct().count() == 1
                  && deployments.stream().allMatch(d -> d.version().isPresent());
      if (uniform) {
        return environment + ": " + deployments.get(0).text();
      }
      return environment
          + ": "
          + deployments.stream()
              .map(d -> d.deployment() + " " + d.text())
              .collect(Collectors.joining(", "));
    }
  }

  /**
   * One Deployment: the version in its template, and how many pods run each version now.
   *
   * @param version the template's version; empty when it could not be told ({@code problem})
   * @param running pods per version, the template's version first
   */
  public record DeploymentVersion(
      String deployment,
      Optional<String> version,
      Map<String, Integer> running,
      Optional<String> problem) {

    public DeploymentVersion {
      Objects.requireNonNull(deployment, "deployment");
      Objects.requireNonNull(version, "version");
      running = Collections.unmodifiableMap(new LinkedHashMap<>(running));
      Objects.requireNonNull(problem, "problem");
    }

    static DeploymentVersion of(Service service, DeploymentSnapshot snapshot) {
      String name = snapshot.ref().name();
      Optional<String> version = label(service, snapshot.deployment().getSpec().getTemplate());
      if (version.isEmpty()) {
        String containers =
            PodTemplates.containers(snapshot.deployment().getSpec().getTemplate()).stream()
                .map(Container::getName)
                .collect(Collectors.joining(", "));
        return new DeploymentVersion(
            name,
            Optional.empty(),
            Map.of(),
            Optional.of(
                "cannot tell which container runs "
                    + service.name()
                    + " (containers: "
                    + containers
                    + ")"));
      }
      Map<String, Integer> running = new LinkedHashMap<>();
      running.put(version.get(), 0);
      for (ReplicaSet rs : snapshot.replicaSets()) {
        int pods =
            rs.getStatus() == null || rs.getStatus().getReplicas() == null
                ? 0
                : rs.getStatus().getReplicas();
        if (pods > 0) {
          String label = label(service, rs.getSpec().getTemplate()).orElse("other");
          running.merge(label, pods, Integer::sum);
        }
      }
      return new DeploymentVersion(name, version, running, Optional.empty());
    }

    static DeploymentVersion missing(DeploymentRef ref) {
      return new DeploymentVersion(
          ref.name(),
          Optional.empty(),
          Map.of(),
          Optional.of(
              "not deployed (no Deployment "
                  + ref.name()
                  + " in namespace "
                  + ref.namespace()
                  + ")"));
    }

    /** Whether pods of another version than the template's still run. */
    public boolean mixed() {
      return running.entrySet().stream()
          .anyMatch(e -> e.getValue() > 0 && !e.getKey().equals(version.orElse(null)));
    }

    /** {@code v1.2}, or {@code v1.2 (rolling out: 6 pods on v1.2, 4 on v1.1)}. */
    public String text() {
      if (problem.isPresent()) {
        return problem.get();
      }
      if (!mixed()) {
        return version.orElseThrow();
      }
      List<String> parts = new ArrayList<>();
      running.forEach(
          (label, pods) -> {
            if (pods > 0) {
              parts.add(
                  pods + (parts.isEmpty() ? (pods == 1 ? " pod" : " pods") : "") + " on " + label);
            }
          });
      return version.orElseThrow() + " (rolling out: " + String.join(", ", parts) + ")";
    }

    /**
     * The version of the service's image in a template: its tag, or the whole image when it is not
     * from the service's repository.
     */
    private static Optional<String> label(Service service, PodTemplateSpec template) {
      return ServiceContainer.find(service, template)
          .map(Container::getImage)
          .map(
              image ->
                  ImageTags.repository(image).equals(service.image())
                      ? ImageTags.version(image)
                      : image);
    }
  }
}
