package dev.shipmate.sandbox.kubernetes;

import java.net.URI;

/**
 * One context of a kubeconfig: a name (what Shipmate's configuration calls a cluster's {@code
 * context}), the API server it points at, and the default namespace.
 */
public record KubeContext(String name, URI server, String namespace) {}
