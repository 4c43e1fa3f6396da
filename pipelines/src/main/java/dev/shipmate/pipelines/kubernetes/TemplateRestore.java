package dev.shipmate.pipelines.kubernetes;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.Map;
import java.util.Objects;

/**
 * Put an earlier pod template back into a Deployment and replace its annotations, as {@code kubectl
 * rollout undo} does, provided the Deployment is still at {@code expectedResourceVersion}.
 */
public record TemplateRestore(
    DeploymentRef deployment,
    PodTemplateSpec template,
    Map<String, String> annotations,
    String expectedResourceVersion) {
  public TemplateRestore {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(expectedResourceVersion, "expectedResourceVersion");
    annotations = Map.copyOf(annotations);
  }
}
