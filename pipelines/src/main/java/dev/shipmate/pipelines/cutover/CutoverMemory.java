package dev.shipmate.pipelines.cutover;

import dev.shipmate.engine.run.RunId;
import dev.shipmate.pipelines.analysis.AnalysisRun;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the cutover steps remember about their runs between checks, in this process only: the engine
 * stores a step's output once it is done, not while it is running. Everything here can be rebuilt
 * from Route53 and the stored plan, more cautiously: after a restart (or on another replica) a
 * step's bake starts again from a fresh INSYNC, and a failure goes back one step from the live
 * weights. Losing it therefore costs time, never safety.
 */
final class CutoverMemory {
  /** A batch that puts weights back, and what it puts back. */
  record Restoring(Weights to, String changeId) {}

  /** The analysis of one step's bake. */
  record StepChecks(int step, AnalysisRun run) {}

  private final Map<RunId, MoveState> moves = new ConcurrentHashMap<>();
  private final Map<RunId, StepChecks> checks = new ConcurrentHashMap<>();
  private final Map<RunId, Restoring> restores = new ConcurrentHashMap<>();

  Optional<MoveState> move(RunId run) {
    return Optional.ofNullable(moves.get(run));
  }

  void remember(RunId run, MoveState state) {
    moves.put(run, state);
  }

  Optional<Restoring> restoring(RunId run) {
    return Optional.ofNullable(restores.get(run));
  }

  void remember(RunId run, Restoring restoring) {
    restores.put(run, restoring);
  }

  /** The analysis of {@code step}'s bake, if it has begun (in this process). */
  Optional<AnalysisRun> checks(RunId run, int step) {
    return Optional.ofNullable(checks.get(run)).filter(c -> c.step() == step).map(StepChecks::run);
  }

  void remember(RunId run, StepChecks stepChecks) {
    checks.put(run, stepChecks);
  }

  void forget(RunId run) {
    moves.remove(run);
    checks.remove(run);
    restores.remove(run);
  }
}
