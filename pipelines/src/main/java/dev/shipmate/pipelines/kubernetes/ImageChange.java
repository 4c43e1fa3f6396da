package dev.shipmate.pipelines.kubernetes;

import java.util.Map;
import java.util.Objects;

/**
 * Set {@code image} on one container of a Deployment's pod template and add {@code annotations} to
 * the Deployment, provided it is still at {@code expectedResourceVersion} (the version the plan was
 * made from).
 */
public record ImageChange(
    DeploymentRef deployment,
    String container,
    String image,
    Map<String, String> annotations,
    String expectedResourceVersion) {
  public ImageChange {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(expectedResourceVersion, "expectedResourceVersion");
    annotations = Map.copyOf(annotations);
  }
}
