package dev.shipmate.sandbox.kubernetes.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.sandbox.kubernetes.store.ApiException;

/**
 * Decides an eviction ({@code POST .../pods/NAME/eviction}): the disruption controller knows the
 * budgets, the API server only carries the request to it.
 */
public interface EvictionPolicy {

  /**
   * Evicts the pod (deletes it) unless a PodDisruptionBudget forbids it.
   *
   * @return the {@code Status} to answer with
   * @throws ApiException 404 for a missing pod, 429 when a budget blocks, 500 when several budgets
   *     cover the pod
   */
  ObjectNode evict(String namespace, String podName, boolean dryRun);
}
