package dev.shipmate.bot.preview;

import dev.shipmate.pipelines.kubernetes.DeploymentListener;
import dev.shipmate.pipelines.kubernetes.DeploymentSnapshot;
import dev.shipmate.pipelines.kubernetes.DeploymentWatch;
import dev.shipmate.pipelines.preview.ApplyOutcome;
import dev.shipmate.pipelines.preview.Deletion;
import dev.shipmate.pipelines.preview.Preview;
import dev.shipmate.pipelines.preview.PreviewGateway;
import dev.shipmate.pipelines.preview.PreviewNamespace;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The preview gateway made on first use: the bot starts without connecting to (or even finding in
 * the kubeconfig) the previews' cluster, as it does for the deploy clusters; a missing context is
 * then reported by the first run that needs it, as a failure of that run.
 */
final class LazyPreviewGateway implements PreviewGateway {
  private final Supplier<PreviewGateway> factory;
  private PreviewGateway made;

  LazyPreviewGateway(Supplier<PreviewGateway> factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  private synchronized PreviewGateway gateway() {
    if (made == null) {
      made = factory.get();
    }
    return made;
  }

  @Override
  public Preview ensureNamespace(PreviewNamespace wanted) {
    return gateway().ensureNamespace(wanted);
  }

  @Override
  public ApplyOutcome apply(String namespace, int pr, List<HasMetadata> objects) {
    return gateway().apply(namespace, pr, objects);
  }

  @Override
  public List<DeploymentSnapshot> deployments(String namespace) {
    return gateway().deployments(namespace);
  }

  @Override
  public List<Preview> list() {
    return gateway().list();
  }

  @Override
  public Optional<Preview> find(String namespace) {
    return gateway().find(namespace);
  }

  @Override
  public Preview extend(String namespace, Instant expiresAt) {
    return gateway().extend(namespace, expiresAt);
  }

  @Override
  public void markWarned(String namespace, Instant expiresAt) {
    gateway().markWarned(namespace, expiresAt);
  }

  @Override
  public Deletion delete(String namespace) {
    return gateway().delete(namespace);
  }

  @Override
  public DeploymentWatch watch(String namespace, DeploymentListener listener) {
    return gateway().watch(namespace, listener);
  }
}
