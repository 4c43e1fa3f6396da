/**
 * {@code /upgrade prod-eu 1.32}: a cluster upgrade as a durable run — preflight and plan, the
 * control plane (EKS UpdateClusterVersion, or a self-managed control-plane group rolled first),
 * then the node groups (EKS UpdateNodegroupVersion, or self-managed Auto Scaling groups replaced
 * node by node: cordon, drain through the Eviction API, terminate, wait for the replacement,
 * validate). Every wait is a condition read from the world on each check, so a run that stops
 * between checks resumes where the cluster is.
 */
package dev.shipmate.pipelines.upgrade;
