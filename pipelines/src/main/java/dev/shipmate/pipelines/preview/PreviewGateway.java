package dev.shipmate.pipelines.preview;

import dev.shipmate.pipelines.kubernetes.DeploymentListener;
import dev.shipmate.pipelines.kubernetes.DeploymentSnapshot;
import dev.shipmate.pipelines.kubernetes.DeploymentWatch;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the preview steps need from the cluster previews run on, and nothing more.
 *
 * <p>A preview is a namespace labelled {@code shipmate.dev/preview=true} and {@code
 * shipmate.dev/pr=<n>}. A namespace without those labels is never written to nor deleted ({@link
 * PreviewConflictException}). Every write can be repeated: a step that is re-entered after a crash
 * does the same again and gets the same result. Other failures of the API arrive as fabric8's
 * {@code KubernetesClientException}; nothing here retries them.
 */
public interface PreviewGateway {

  /**
   * Creates the preview's namespace, or brings an existing one's labels and annotations (owner,
   * expiry, ref, URL) to these values.
   *
   * @return the preview as it now stands
   * @throws PreviewConflictException if the namespace is not this pull request's preview, or is
   *     being deleted
   */
  Preview ensureNamespace(PreviewNamespace wanted);

  /**
   * Creates or replaces each object in the preview's namespace (running it again updates the
   * preview in place), then deletes the objects labelled for this preview that are no longer among
   * them.
   *
   * @param objects as {@link PreviewManifests#render} gives them: in {@code namespace}, labelled
   * @throws PreviewNotFoundException if the namespace is not there (ensure it first)
   * @throws PreviewConflictException if it is not this pull request's preview, or is being deleted
   */
  ApplyOutcome apply(String namespace, int pr, List<HasMetadata> objects);

  /**
   * Every Deployment of the namespace with its ReplicaSets and pods, for {@link ReadinessJudge}.
   */
  List<DeploymentSnapshot> deployments(String namespace);

  /** Every preview on the cluster, the oldest first. */
  List<Preview> list();

  /** The preview in that namespace, if there is one. */
  Optional<Preview> find(String namespace);

  /**
   * Sets when the preview expires ({@link PreviewExpiry} computes it).
   *
   * @throws PreviewNotFoundException if there is no preview there
   */
  Preview extend(String namespace, Instant expiresAt);

  /**
   * Records that the "expires in an hour" warning was sent for this expiry, so that it is sent once
   * (and once more if the preview is extended).
   *
   * @throws PreviewNotFoundException if there is no preview there
   */
  void markWarned(String namespace, Instant expiresAt);

  /**
   * Deletes the preview's namespace, and with it everything in it. Call it again until it answers
   * {@link Deletion#GONE}; a namespace already gone is {@code GONE} at once.
   *
   * @throws PreviewConflictException if the namespace is not a preview
   */
  Deletion delete(String namespace);

  /**
   * Calls {@code listener} whenever a Deployment of the namespace changes, and once more if the
   * watch ends by itself.
   */
  DeploymentWatch watch(String namespace, DeploymentListener listener);
}
