package dev.shipmate.pipelines.kubernetes;

import java.util.Objects;

/** A Deployment by namespace and name: {@code prod/web}. */
public record DeploymentRef(String namespace, String name) {
  public DeploymentRef {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    if (namespace.isBlank() || name.isBlank()) {
      throw new IllegalArgumentException("a Deployment needs a namespace and a name");
    }
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
