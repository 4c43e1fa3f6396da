package dev.shipmate.pipelines.drift;

import java.util.Set;

/**
 * The built-in kinds that live outside namespaces. Any other kind written without a namespace is
 * taken to be in {@code default}, as {@code kubectl apply} does.
 */
final class ClusterScopedKinds {
  private static final Set<String> KINDS =
      Set.of(
          "Namespace",
          "Node",
          "PersistentVolume",
          "StorageClass",
          "ClusterRole",
          "ClusterRoleBinding",
          "CustomResourceDefinition",
          "PriorityClass",
          "IngressClass",
          "RuntimeClass",
          "ValidatingWebhookConfiguration",
          "MutatingWebhookConfiguration",
          "APIService",
          "CSIDriver",
          "VolumeAttachment");

  private ClusterScopedKinds() {}

  static boolean contains(String kind) {
    return KINDS.contains(kind);
  }
}
