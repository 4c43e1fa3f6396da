package dev.shipmate.bot.deploy;

import dev.shipmate.engine.run.Run;
import dev.shipmate.pipelines.deploy.DeployPlan;
import dev.shipmate.pipelines.deploy.DeploymentChange;
import dev.shipmate.pipelines.deploy.ImageTags;
import java.util.List;
import java.util.Optional;

/**
 * The version a deploy replaced, read from the plan its first step stored: what its card's Roll
 * back button goes back to. Empty when the run never got as far as a plan, or replaced several
 * versions at once (then {@code /rollback} with a version says which). Asked only of deploys: the
 * deploy slice declares the Roll back button for them alone.
 */
final class ReplacedVersion {

  /** The name under which the deploy pipeline's first step stores its {@link DeployPlan}. */
  static final String PLAN_STEP = "plan";

  private ReplacedVersion() {}

  static Optional<String> of(Run run) {
    Optional<DeployPlan> plan;
    try {
      plan = run.output(PLAN_STEP, DeployPlan.class);
    } catch (RuntimeException unreadable) {
      // A plan stored by another build, in another shape: no version to offer.
      return Optional.empty();
    }
    List<String> versions =
        plan.map(DeployPlan::changes).orElse(List.of()).stream()
            .map(DeploymentChange::currentImage)
            .filter(image -> !image.isBlank())
            .map(ImageTags::version)
            .distinct()
            .toList();
    return versions.size() == 1 ? Optional.of(versions.get(0)) : Optional.empty();
  }
}
