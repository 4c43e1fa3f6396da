package dev.shipmate.pipelines.preview;

import dev.shipmate.config.Durations;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepException;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.LockKey;
import java.util.List;
import java.util.Objects;

/**
 * {@code /env extend pr-12 24h} (and the Extend button): {@code plan-expiry} computes the new
 * expiry once and stores it, {@code set-expiry} writes it. Split so that a step re-entered after a
 * crash writes the same instant again instead of extending twice. Holds {@code preview:pr-<n>}.
 */
public final class PreviewExtendPipeline implements Pipeline<PreviewExtendRequest> {
  public static final String TYPE = "preview-extend";
  static final String PLAN = "plan-expiry";

  private final PreviewGateway gateway;
  private final PreviewSite site;
  private final PreviewExpiry expiry;

  public PreviewExtendPipeline(PreviewParts parts) {
    Objects.requireNonNull(parts, "parts");
    this.gateway = parts.gateway();
    this.site = parts.site();
    this.expiry = parts.expiry();
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public char idPrefix() {
    return 'e';
  }

  @Override
  public Class<PreviewExtendRequest> paramsType() {
    return PreviewExtendRequest.class;
  }

  @Override
  public LockKey lockKey(PreviewExtendRequest params) {
    return PreviewSite.lockKey(params.pr());
  }

  @Override
  public String summary(PreviewExtendRequest params) {
    return "extend preview pr-" + params.pr() + " by " + Durations.format(params.by());
  }

  @Override
  public List<Step<PreviewExtendRequest>> steps() {
    return List.of(Step.define(PLAN, this::plan), Step.define("set-expiry", this::set));
  }

  private StepResult plan(StepContext<PreviewExtendRequest> context) {
    Preview preview = find(context.params().pr());
    return StepResult.done(expiry.extend(preview.expiresAt(), context.params().by()));
  }

  private StepResult set(StepContext<PreviewExtendRequest> context) {
    Expiry planned = context.output(PLAN, Expiry.class);
    String namespace = site.namespace(context.params().pr());
    try {
      gateway.extend(namespace, planned.at());
    } catch (PreviewNotFoundException gone) {
      throw StepException.user(notThere(context.params().pr()));
    }
    return planned.capped()
        ? StepResult.skipped(
            "expires at "
                + planned.at()
                + ": cut to "
                + Durations.format(planned.max())
                + " from now, the longest a preview is kept")
        : StepResult.done();
  }

  private Preview find(int pr) {
    return gateway.find(site.namespace(pr)).orElseThrow(() -> StepException.user(notThere(pr)));
  }

  private static String notThere(int pr) {
    return "there is no preview for pr-"
        + pr
        + " to extend: /env list shows the previews, /env up pr-"
        + pr
        + " makes one";
  }
}
