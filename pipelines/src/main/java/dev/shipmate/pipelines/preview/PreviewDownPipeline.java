package dev.shipmate.pipelines.preview;

import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.LockKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /env down pr-12} (and a pull request closed, and the TTL reaper): {@code delete-namespace}
 * (waits until it is gone) → {@code github-removed}. Holds {@code preview:pr-<n>}.
 */
public final class PreviewDownPipeline implements Pipeline<PreviewDownRequest> {
  public static final String TYPE = "preview-down";

  private final List<Step<PreviewDownRequest>> steps;

  public PreviewDownPipeline(PreviewParts parts) {
    Objects.requireNonNull(parts, "parts");
    this.steps =
        List.of(
            new DeleteNamespaceStep(parts.gateway(), parts.site()),
            new TellGitHubStep<>("github-removed", parts.github(), PreviewDownPipeline::removed));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public char idPrefix() {
    return 'x';
  }

  @Override
  public Class<PreviewDownRequest> paramsType() {
    return PreviewDownRequest.class;
  }

  @Override
  public LockKey lockKey(PreviewDownRequest params) {
    return PreviewSite.lockKey(params.pr());
  }

  /** {@code remove preview pr-12 (pull request closed)}. */
  @Override
  public String summary(PreviewDownRequest params) {
    return "remove preview pr-" + params.pr() + " (" + params.reason() + ")";
  }

  @Override
  public List<Step<PreviewDownRequest>> steps() {
    return steps;
  }

  private static StepResult removed(
      PreviewGitHubReports github, StepContext<PreviewDownRequest> context) {
    PreviewDownRequest request = context.params();
    return github.report(
        request.pr(),
        "",
        Optional.empty(),
        null,
        "",
        PreviewComment.removed(request.pr(), request.reason(), context.runId().value()));
  }
}
