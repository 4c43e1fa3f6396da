package dev.shipmate.pipelines.deploy;

import dev.shipmate.pipelines.kubernetes.DeploymentRef;
import dev.shipmate.pipelines.kubernetes.ImageChange;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.Map;
import java.util.Objects;

/**
 * What a deploy does to one Deployment: its container's image from {@code currentImage} to {@code
 * newImage}, with how many replicas and which strategy. It also records what it replaces, the
 * revision and the pod template read before acting: that is the undo.
 *
 * @param resourceVersion the Deployment's version the plan was made from; the change is written
 *     only if it is still current
 */
public record DeploymentChange(
    DeploymentRef deployment,
    String container,
    String currentImage,
    String newImage,
    int replicas,
    String strategy,
    long replacedRevision,
    PodTemplateSpec replacedTemplate,
    String resourceVersion) {

  public DeploymentChange {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(currentImage, "currentImage");
    Objects.requireNonNull(newImage, "newImage");
    Objects.requireNonNull(replacedTemplate, "replacedTemplate");
    Objects.requireNonNull(resourceVersion, "resourceVersion");
  }

  /** Whether the Deployment already runs the new image: nothing to do. */
  public boolean unchanged() {
    return currentImage.equals(newImage);
  }

  /**
   * The write that makes this change, with annotations naming the run (see {@link ChangeCause}).
   */
  public ImageChange imageChange(Map<String, String> annotations) {
    return new ImageChange(deployment, container, newImage, annotations, resourceVersion);
  }

  /**
   * One line for a plan: {@code web: …/web:v1.1 → …/web:v1.2, 10 replicas, RollingUpdate (max surge
   * 25%, max unavailable 25%)}, or {@code web: already at v1.2}.
   */
  public String describe() {
    if (unchanged()) {
      return deployment.name() + ": already at " + ImageTags.version(newImage) + ", nothing to do";
    }
    return deployment.name()
        + ": "
        + currentImage
        + " → "
        + newImage
        + ", "
        + replicas
        + (replicas == 1 ? " replica, " : " replicas, ")
        + strategy;
  }
}
