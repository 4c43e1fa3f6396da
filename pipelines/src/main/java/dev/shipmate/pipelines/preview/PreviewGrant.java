package dev.shipmate.pipelines.preview;

import java.util.Objects;

/**
 * The RoleBinding Shipmate puts in each preview namespace it creates: the ClusterRole that lets it
 * write a preview's objects, bound to the service account Shipmate runs as. Granting it per
 * namespace, instead of binding that role cluster-wide, keeps Shipmate's write rights to the
 * namespaces it created and labelled; the admission policy in deploy/ refuses a binding anywhere
 * else.
 *
 * @param clusterRole the ClusterRole bound ({@code shipmate-preview-objects} in deploy/)
 * @param namespace the service account's namespace
 * @param serviceAccount the service account's name
 */
public record PreviewGrant(String clusterRole, String namespace, String serviceAccount) {

  /** The name of the RoleBinding in each preview namespace. */
  public static final String BINDING = "shipmate-preview";

  public PreviewGrant {
    Objects.requireNonNull(clusterRole, "clusterRole");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(serviceAccount, "serviceAccount");
  }
}
