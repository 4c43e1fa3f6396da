package dev.shipmate.sandbox.kubernetes.controller.disruption;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.sandbox.kubernetes.api.EvictionPolicy;
import dev.shipmate.sandbox.kubernetes.controller.PodStates;
import dev.shipmate.sandbox.kubernetes.controller.TypedStore;
import dev.shipmate.sandbox.kubernetes.store.ApiException;
import dev.shipmate.sandbox.kubernetes.store.Json;
import dev.shipmate.sandbox.kubernetes.store.ResourceTypes;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import java.time.Clock;
import java.util.List;

/**
 * The Eviction API's decision, as the real API server makes it: pods that are not running (or
 * already going) are evicted freely; otherwise the one PodDisruptionBudget covering the pod must
 * allow a disruption, or the answer is 429 and the pod stays. An unhealthy pod may go while the
 * budget is met ({@code IfHealthyBudget}).
 */
public final class PodEvictions implements EvictionPolicy {

  private final TypedStore store;
  private final DisruptionBudgets budgets;
  private final DisruptionController controller;
  private final Clock clock;

  public PodEvictions(
      TypedStore store, DisruptionBudgets budgets, DisruptionController controller, Clock clock) {
    this.store = store;
    this.budgets = budgets;
    this.controller = controller;
    this.clock = clock;
  }

  @Override
  public synchronized ObjectNode evict(String namespace, String podName, boolean dryRun) {
    Pod pod =
        store
            .get(Pod.class, namespace, podName)
            .orElseThrow(() -> ApiException.notFound(ResourceTypes.PODS, podName));
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    boolean ignoresBudgets =
        pod.getMetadata().getDeletionTimestamp() != null
            || "Succeeded".equals(phase)
            || "Failed".equals(phase)
            || "Pending".equals(phase);
    List<PodDisruptionBudget> covering = ignoresBudgets ? List.of() : budgets.covering(pod);
    if (covering.size() > 1) {
      throw ApiException.internal(
          "This pod has more than one PodDisruptionBudget, which the eviction subresource does"
              + " not support.");
    }
    if (covering.size() == 1) {
      PodDisruptionBudget pdb = covering.get(0);
      PodDisruptionBudgetStatus status = budgets.status(pdb, clock.instant());
      boolean allowed =
          PodStates.isReady(pod)
              ? status.getDisruptionsAllowed() > 0
              : "AlwaysAllow".equals(pdb.getSpec().getUnhealthyPodEvictionPolicy())
                  || status.getCurrentHealthy() >= status.getDesiredHealthy();
      if (!allowed) {
        throw ApiException.tooManyRequests(
            "Cannot evict pod as it would violate the pod's disruption budget.",
            List.of(
                new ApiException.Cause(
                    "DisruptionBudget",
                    "The disruption budget "
                        + pdb.getMetadata().getName()
                        + " needs "
                        + status.getDesiredHealthy()
                        + " healthy pods and has "
                        + status.getCurrentHealthy()
                        + " currently",
                    null)));
      }
    }
    if (!dryRun) {
      store.delete(pod);
      for (PodDisruptionBudget pdb : covering) {
        store
            .get(PodDisruptionBudget.class, namespace, pdb.getMetadata().getName())
            .ifPresent(current -> controller.sync(current, clock.instant()));
      }
    }
    ObjectNode success = Json.MAPPER.createObjectNode();
    success.put("kind", "Status");
    success.put("apiVersion", "v1");
    success.putObject("metadata");
    success.put("status", "Success");
    success.put("code", 201);
    return success;
  }
}
