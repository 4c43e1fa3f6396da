package dev.shipmate.pipelines.deploy;

import dev.shipmate.pipelines.kubernetes.DeploymentRef;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.List;
import java.util.Objects;

/**
 * The pod template a run replaced on a Deployment, and the revision it was: what its undo puts
 * back.
 */
public record ReplacedTemplate(DeploymentRef deployment, long revision, PodTemplateSpec template) {
  public ReplacedTemplate {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(template, "template");
  }

  /** A step's output: every template it replaced, one per Deployment it changed. */
  public record Replaced(List<ReplacedTemplate> templates) {
    public Replaced {
      templates = List.copyOf(templates);
    }

    public List<DeploymentRef> deployments() {
      return templates.stream().map(ReplacedTemplate::deployment).toList();
    }
  }
}
