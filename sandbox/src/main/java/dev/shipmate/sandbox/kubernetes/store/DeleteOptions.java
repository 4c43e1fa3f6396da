package dev.shipmate.sandbox.kubernetes.store;

/**
 * How a delete should treat dependents and preconditions.
 *
 * @param propagation {@code Background} (the default), {@code Foreground} (treated as Background)
 *     or {@code Orphan}
 * @param preconditionUid when set, the object's uid must match
 * @param preconditionResourceVersion when set, the object's resourceVersion must match
 * @param dryRun validate and answer, change nothing
 */
public record DeleteOptions(
    String propagation,
    String preconditionUid,
    String preconditionResourceVersion,
    boolean dryRun) {

  public boolean orphans() {
    return "Orphan".equals(propagation);
  }
}
