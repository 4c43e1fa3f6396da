package dev.shipmate.config;

import java.util.List;
import java.util.Optional;

/**
 * {@code services.NAME:} — a service: its image repository (the version is the tag), the
 * Deployments that run it in every environment, and the container whose image is set. Without
 * {@code container}, each Deployment must have exactly one container.
 */
public record Service(
    String name, String image, List<String> deployments, Optional<String> container) {
  public Service {
    deployments = List.copyOf(deployments);
  }

  /** The full image reference for a version: {@code registry.example.com/acme/web:v1.2}. */
  public String imageAt(String version) {
    return image + ":" + version;
  }
}
