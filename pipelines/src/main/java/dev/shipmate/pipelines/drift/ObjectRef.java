package dev.shipmate.pipelines.drift;

import java.util.Objects;

/**
 * Which Kubernetes object: its API group and kind, namespace (empty for a cluster-scoped object)
 * and name. The group, not the full {@code apiVersion}, identifies it: {@code apps/v1} and {@code
 * apps/v1beta2} name the same Deployment.
 *
 * @param apiVersion the version the manifest was written against, used to list the kind
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name)
    implements Comparable<ObjectRef> {

  public ObjectRef {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  /** {@code apps} for {@code apps/v1}, empty for the core group ({@code v1}). */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  public boolean clusterScoped() {
    return namespace.isEmpty();
  }

  /** The identity, whatever the version: {@code apps/Deployment/prod/web}. */
  public String key() {
    return group() + "/" + kind + "/" + namespace + "/" + name;
  }

  /** {@code Deployment prod/web}, or {@code Namespace prod} for a cluster-scoped object. */
  public String describe() {
    return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ObjectRef that && key().equals(that.key());
  }

  @Override
  public int hashCode() {
    return key().hashCode();
  }

  @Override
  public int compareTo(ObjectRef other) {
    int byNamespace = namespace.compareTo(other.namespace);
    if (byNamespace != 0) {
      return byNamespace;
    }
    int byKind = kind.compareTo(other.kind);
    return byKind != 0 ? byKind : name.compareTo(other.name);
  }
}
