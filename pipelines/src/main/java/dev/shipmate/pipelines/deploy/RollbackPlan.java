package dev.shipmate.pipelines.deploy;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What {@code /rollback} will do: one {@link UndoPlan} per Deployment of the service, each with the
 * template it replaces (what undoing the rollback puts back).
 *
 * @param to what is rolled back to, in words: {@code v1.1}, or {@code the previous revision}
 */
public record RollbackPlan(
    String service, String environment, String to, List<RollbackPlan.Change> changes) {

  public RollbackPlan {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(to, "to");
    changes = List.copyOf(changes);
  }

  /** One Deployment's undo, and the template it replaces. */
  public record Change(UndoPlan undo, PodTemplateSpec currentTemplate) {
    public Change {
      Objects.requireNonNull(undo, "undo");
      Objects.requireNonNull(currentTemplate, "currentTemplate");
    }
  }

  /** Whether every Deployment already runs what it would be rolled back to. */
  public boolean nothingToDo() {
    return changes.stream().allMatch(change -> change.undo().alreadyCurrent());
  }

  /** The undos that change something. */
  public List<Change> toApply() {
    return changes.stream().filter(change -> !change.undo().alreadyCurrent()).toList();
  }

  /** {@code web already runs v1.1 in prod}. */
  public String alreadyThere() {
    return service + " already runs " + to + " in " + environment;
  }

  /** The plan in words, one line per Deployment. */
  public String summary() {
    if (nothingToDo()) {
      return alreadyThere() + ": nothing to do.";
    }
    return "Roll back "
        + service
        + " in "
        + environment
        + " to "
        + to
        + ":\n"
        + changes.stream()
            .map(change -> "- " + change.undo().describe())
            .collect(Collectors.joining("\n"));
  }
}
