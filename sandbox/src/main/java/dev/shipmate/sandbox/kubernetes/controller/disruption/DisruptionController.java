package dev.shipmate.sandbox.kubernetes.controller.disruption;

import dev.shipmate.sandbox.kubernetes.controller.Controller;
import dev.shipmate.sandbox.kubernetes.controller.EachObject;
import dev.shipmate.sandbox.kubernetes.controller.TypedStore;
import dev.shipmate.sandbox.kubernetes.controller.Wakeups;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import java.time.Instant;

/** The disruption controller: keeps every PodDisruptionBudget's status current. */
public final class DisruptionController implements Controller {

  private final TypedStore store;
  private final DisruptionBudgets budgets;

  public DisruptionController(TypedStore store, DisruptionBudgets budgets) {
    this.store = store;
    this.budgets = budgets;
  }

  @Override
  public void reconcile(Instant now, Wakeups wakeups) {
    EachObject.reconcile(store.list(PodDisruptionBudget.class, null), pdb -> sync(pdb, now));
  }

  void sync(PodDisruptionBudget pdb, Instant now) {
    PodDisruptionBudgetStatus status = budgets.status(pdb, now);
    if (!status.equals(pdb.getStatus())) {
      store.editStatus(
          PodDisruptionBudget.class,
          pdb.getMetadata().getNamespace(),
          pdb.getMetadata().getName(),
          current -> {
            current.setStatus(status);
            return current;
          });
    }
  }
}
