package dev.shipmate.pipelines.preview;

import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepException;
import dev.shipmate.engine.pipeline.StepResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Objects;

/**
 * {@code apply-manifests}: the manifests of {@code previews.manifests} with the placeholders filled
 * in, created or replaced in the preview's namespace; objects that left the manifests are pruned.
 * Running it again gives the same result, so a re-entered step and a second {@code /env up} are
 * both safe.
 */
final class ApplyManifestsStep implements Step<PreviewUpRequest> {
  static final String NAME = "apply-manifests";

  private final PreviewGateway gateway;
  private final PreviewSite site;
  private final PreviewManifests manifests;

  ApplyManifestsStep(PreviewGateway gateway, PreviewSite site, PreviewManifests manifests) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.site = Objects.requireNonNull(site, "site");
    this.manifests = Objects.requireNonNull(manifests, "manifests");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepResult execute(StepContext<PreviewUpRequest> context) {
    PreviewUpRequest request = context.params();
    List<HasMetadata> objects;
    try {
      objects = manifests.render(ManifestValues.of(site.config(), request.pr(), request.ref()));
    } catch (ManifestException e) {
      throw StepException.user(e.getMessage());
    }
    try {
      return StepResult.done(gateway.apply(site.namespace(request.pr()), request.pr(), objects));
    } catch (PreviewConflictException | PreviewNotFoundException e) {
      throw StepException.user(e.getMessage());
    }
  }
}
