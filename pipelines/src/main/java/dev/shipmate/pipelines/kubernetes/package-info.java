/**
 * Shipmate's access to Kubernetes: one fabric8 client per kubeconfig context ({@link
 * dev.shipmate.pipelines.kubernetes.KubernetesClients}) and the narrow {@link
 * dev.shipmate.pipelines.kubernetes.DeploymentGateway} the deploy and rollback steps talk through.
 *
 * <p>Only operations that behave the same on a real API server and on fabric8's CRUD mock server
 * are used: JSON patch and plain reads, lists and watches; never strategic merge patch or
 * server-side apply.
 */
package dev.shipmate.pipelines.kubernetes;
