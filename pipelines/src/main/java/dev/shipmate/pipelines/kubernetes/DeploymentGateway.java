package dev.shipmate.pipelines.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Optional;

/**
 * What the deploy and rollback steps need from one cluster's Deployments, and nothing more.
 *
 * <p>Writes are guarded by the resourceVersion the caller read: when the Deployment changed since,
 * nothing is written and {@link ConcurrentChangeException} says so. Other failures of the API
 * (unreachable, forbidden) arrive as fabric8's {@code KubernetesClientException}; nothing here
 * retries them.
 */
public interface DeploymentGateway {

  /** The Deployment, the ReplicaSets it controls and their pods; empty if there is no such one. */
  Optional<DeploymentSnapshot> snapshot(DeploymentRef deployment);

  /**
   * Sets one container's image and adds annotations in one write.
   *
   * @return the Deployment as written (its new generation and resourceVersion)
   * @throws ConcurrentChangeException if it is no longer at the expected resourceVersion
   * @throws DeploymentNotFoundException if it is gone
   * @throws IllegalArgumentException if it has no such container
   */
  Deployment setImage(ImageChange change);

  /**
   * Replaces the pod template and the annotations in one write, as {@code kubectl rollout undo}.
   *
   * @return the Deployment as written
   * @throws ConcurrentChangeException if it is no longer at the expected resourceVersion
   * @throws DeploymentNotFoundException if it is gone
   */
  Deployment restoreTemplate(TemplateRestore restore);

  /**
   * Calls {@code listener} whenever the Deployment, its ReplicaSets or their pods change, and once
   * more if the watch ends by itself (so that the run re-reads and watches again). It may also be
   * called right after the watch starts.
   *
   * @throws DeploymentNotFoundException if there is no such Deployment to watch
   */
  DeploymentWatch watch(DeploymentRef deployment, DeploymentListener listener);

  /**
   * The rollout history: one entry per ReplicaSet with a revision, oldest first.
   *
   * @throws DeploymentNotFoundException if there is no such Deployment
   */
  List<Revision> history(DeploymentRef deployment);
}
