/**
 * Preview environments, one per pull request, in their own namespace: the manifests of a preview
 * ({@link dev.shipmate.pipelines.preview.PreviewManifests}), the narrow {@link
 * dev.shipmate.pipelines.preview.PreviewGateway} to the cluster they run on, and the pure rules of
 * how many may exist ({@link dev.shipmate.pipelines.preview.PreviewLimits}), when they expire
 * ({@link dev.shipmate.pipelines.preview.PreviewExpiry}) and when they are ready ({@link
 * dev.shipmate.pipelines.preview.ReadinessJudge}).
 *
 * <p>What Shipmate owns is told by labels and annotations ({@link
 * dev.shipmate.pipelines.preview.PreviewLabels}): a namespace without them is never changed nor
 * deleted, whatever its name.
 */
package dev.shipmate.pipelines.preview;
