package dev.shipmate.pipelines.preview;

import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepException;
import dev.shipmate.engine.pipeline.StepResult;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code delete-namespace}: deletes the preview's namespace and waits until it is gone (a real
 * cluster keeps it Terminating while it removes what is inside). A preview that is not there is
 * skipped, so removing twice is harmless.
 */
final class DeleteNamespaceStep implements Step<PreviewDownRequest> {
  static final String NAME = "delete-namespace";
  static final Duration POLL = Duration.ofSeconds(2);
  static final Duration TIMEOUT = Duration.ofMinutes(15);

  private final PreviewGateway gateway;
  private final PreviewSite site;

  DeleteNamespaceStep(PreviewGateway gateway, PreviewSite site) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.site = Objects.requireNonNull(site, "site");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Duration timeout() {
    return TIMEOUT;
  }

  @Override
  public StepResult execute(StepContext<PreviewDownRequest> context) {
    String namespace = site.namespace(context.params().pr());
    if (context.attempt() == 1 && gateway.find(namespace).isEmpty()) {
      return StepResult.skipped("there is no preview in namespace " + namespace);
    }
    Deletion deletion;
    try {
      deletion = gateway.delete(namespace);
    } catch (PreviewConflictException conflict) {
      throw StepException.user(conflict.getMessage());
    }
    if (deletion == Deletion.GONE) {
      return StepResult.done();
    }
    return StepResult.running(POLL, "namespace " + namespace + " is terminating");
  }
}
