package dev.shipmate.pipelines.preview;

import dev.shipmate.config.FreezeBlock;
import dev.shipmate.engine.freeze.Change;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.Failure;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.pipelines.github.CommitState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /env up pr-12} (and a pull request opened, reopened or pushed to): {@code check-limit} →
 * {@code github-pending} → {@code ensure-namespace} → {@code apply-manifests} → {@code wait-ready}
 * → {@code github-ready}. Running it for a preview that exists updates it in place. When it fails,
 * GitHub is told (failure status, the comment) and the preview is left as it is for a look: the TTL
 * reaper or {@code /env down} removes it.
 *
 * <p>Holds {@code preview:pr-<n>}, shared with {@link PreviewDownPipeline} and {@link
 * PreviewExtendPipeline}.
 */
public final class PreviewUpPipeline implements Pipeline<PreviewUpRequest> {
  public static final String TYPE = "preview-up";

  private final PreviewSite site;
  private final List<Step<PreviewUpRequest>> steps;
  private final List<Step<PreviewUpRequest>> onFailure;

  public PreviewUpPipeline(PreviewParts parts) {
    Objects.requireNonNull(parts, "parts");
    this.site = parts.site();
    PreviewGitHubReports github = parts.github();
    this.steps =
        List.of(
            new CheckLimitStep(parts.gateway(), parts.limits()),
            new TellGitHubStep<>("github-pending", github, this::pending),
            new EnsureNamespaceStep(parts.gateway(), site, parts.expiry()),
            new ApplyManifestsStep(parts.gateway(), site, parts.manifests()),
            new WaitReadyStep(parts.gateway(), site, parts.watches(), parts.judge()),
            new TellGitHubStep<>("github-ready", github, this::ready));
    this.onFailure = List.of(new TellGitHubStep<>("github-failed", github, this::failed));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public char idPrefix() {
    return 'p';
  }

  @Override
  public Class<PreviewUpRequest> paramsType() {
    return PreviewUpRequest.class;
  }

  /** A ref that is neither a sha nor an image tag is refused before anything is written. */
  @Override
  public List<String> problems(PreviewUpRequest params) {
    return PreviewRefs.problem(params.ref()).stream().toList();
  }

  /** A new preview on the previews' cluster; taking one down or extending it is never stopped. */
  @Override
  public Optional<Change> change(PreviewUpRequest params) {
    return Optional.of(Change.ofCluster(FreezeBlock.PREVIEWS, site.config().cluster()));
  }

  @Override
  public LockKey lockKey(PreviewUpRequest params) {
    return PreviewSite.lockKey(params.pr());
  }

  /** {@code preview pr-12 (ref 3f2a9c1) at https://pr-12.preview.example.com}. */
  @Override
  public String summary(PreviewUpRequest params) {
    return "preview pr-"
        + params.pr()
        + " ("
        + shortRef(params.ref())
        + ") at "
        + site.url(params.pr());
  }

  @Override
  public List<Step<PreviewUpRequest>> steps() {
    return steps;
  }

  @Override
  public List<Step<PreviewUpRequest>> onFailure() {
    return onFailure;
  }

  /** A sha as people write it (7 characters); a tag as it is. */
  static String shortRef(String ref) {
    return ref.matches("[0-9a-fA-F]{40}") ? ref.substring(0, 7) : ref;
  }

  private StepResult pending(PreviewGitHubReports github, StepContext<PreviewUpRequest> context) {
    PreviewUpRequest request = context.params();
    String url = site.url(request.pr());
    return github.report(
        request.pr(),
        request.ref(),
        Optional.of(CommitState.PENDING),
        url,
        "Deploying the preview (run " + context.runId() + ")",
        PreviewComment.deploying(request.pr(), request.ref(), url, context.runId().value()));
  }

  private StepResult ready(PreviewGitHubReports github, StepContext<PreviewUpRequest> context) {
    PreviewUpRequest request = context.params();
    EnsureNamespaceStep.Ensured ensured =
        context.output(EnsureNamespaceStep.NAME, EnsureNamespaceStep.Ensured.class);
    return github.report(
        request.pr(),
        request.ref(),
        Optional.of(CommitState.SUCCESS),
        ensured.url(),
        "Preview ready at " + ensured.url(),
        PreviewComment.ready(
            request.pr(),
            request.ref(),
            ensured.url(),
            ensured.expiresAt(),
            context.runId().value()));
  }

  private StepResult failed(PreviewGitHubReports github, StepContext<PreviewUpRequest> context) {
    PreviewUpRequest request = context.params();
    String reason = context.cause().map(Failure::message).orElse("the run failed");
    return github.report(
        request.pr(),
        request.ref(),
        Optional.of(CommitState.FAILURE),
        site.url(request.pr()),
        "Preview failed: " + reason,
        PreviewComment.failed(request.pr(), request.ref(), reason, context.runId().value()));
  }
}
