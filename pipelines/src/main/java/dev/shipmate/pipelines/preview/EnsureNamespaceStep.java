package dev.shipmate.pipelines.preview;

import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepException;
import dev.shipmate.engine.pipeline.StepResult;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code ensure-namespace}: creates the preview's namespace, labelled and annotated with owner,
 * expiry, ref and URL, or brings an existing preview's to the new ref. An existing preview keeps
 * its expiry unless a time to live was given; a new one lives {@code previews.ttl}.
 */
final class EnsureNamespaceStep implements Step<PreviewUpRequest> {
  static final String NAME = "ensure-namespace";

  /** What later steps and the GitHub report read. */
  record Ensured(String namespace, String url, Instant expiresAt, boolean capped) {}

  private final PreviewGateway gateway;
  private final PreviewSite site;
  private final PreviewExpiry expiry;

  EnsureNamespaceStep(PreviewGateway gateway, PreviewSite site, PreviewExpiry expiry) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.site = Objects.requireNonNull(site, "site");
    this.expiry = Objects.requireNonNull(expiry, "expiry");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepResult execute(StepContext<PreviewUpRequest> context) {
    PreviewUpRequest request = context.params();
    String namespace = site.namespace(request.pr());
    String url = site.url(request.pr());
    Optional<Preview> existing = gateway.find(namespace);
    Expiry until =
        request
            .ttl()
            .map(expiry::start)
            .orElseGet(
                () ->
                    existing
                        .map(p -> new Expiry(p.expiresAt(), false, expiry.max()))
                        .orElseGet(() -> expiry.start(site.config().ttl())));
    String owner = existing.map(Preview::owner).orElse(context.requester());
    try {
      gateway.ensureNamespace(
          new PreviewNamespace(request.pr(), namespace, owner, until.at(), request.ref(), url));
    } catch (PreviewConflictException conflict) {
      throw StepException.user(conflict.getMessage());
    }
    return StepResult.done(new Ensured(namespace, url, until.at(), until.capped()));
  }
}
