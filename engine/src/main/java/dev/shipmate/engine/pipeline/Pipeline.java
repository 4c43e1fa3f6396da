package dev.shipmate.engine.pipeline;

import dev.shipmate.engine.freeze.Change;
import dev.shipmate.engine.run.LockKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A kind of run: its steps in order, the steps to run when it fails, and what it locks.
 *
 * @param <P> its parameters: a record, stored as JSON with the run
 */
public interface Pipeline<P extends Record> {
  /** Stable, stored with every run: renaming it orphans stored runs. E.g. {@code deploy}. */
  String type();

  /** The first letter of its run ids: {@code d} for {@code d-4k2p}. A lowercase letter. */
  char idPrefix();

  Class<P> paramsType();

  /**
   * What is wrong with these parameters, checked before anything is written (names that do not
   * resolve, a target this pipeline does not handle): empty when a run may be asked for. Each
   * problem is worded for the person who asked, with what to do instead. {@link #lockKey} and
   * {@link #refuseWhileHeld} are only called with parameters that have no problems.
   */
  default List<String> problems(P params) {
    return List.of();
  }

  /**
   * What a run would change, as freezes see it (a deploy to {@code prod} on {@code prod-eu}); empty
   * for a pipeline no freeze stops. Only called with parameters that have no problems.
   */
  default Optional<Change> change(P params) {
    return Optional.empty();
  }

  /** The key a run holds while it is active: {@code deploy:prod/web}. */
  LockKey lockKey(P params);

  /**
   * Keys a run must not start beside, without holding them: a deploy to a cluster that is being
   * upgraded is refused while {@code cluster:prod-eu} is held.
   */
  default Set<LockKey> refuseWhileHeld(P params) {
    return Set.of();
  }

  /**
   * What a run does, in a line, for cards, lists and the ledger: {@code deploy web v1.2 to prod}.
   */
  default String summary(P params) {
    return type();
  }

  List<Step<P>> steps();

  /**
   * Whether a person may pause a run of this pipeline between its steps' checks (a progressive
   * cutover, a node-by-node upgrade). A paused run is not advanced until it is resumed; it can
   * still be cancelled. Off by default: most runs are better finished or cancelled than left
   * half-way.
   */
  default boolean pausable() {
    return false;
  }

  /**
   * Steps that run after the undos when a run fails (not when it is cancelled): collect
   * diagnostics, notify. A failing one is recorded and the others still run.
   */
  default List<Step<P>> onFailure() {
    return List.of();
  }
}
