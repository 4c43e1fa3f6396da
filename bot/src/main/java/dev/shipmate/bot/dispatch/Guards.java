package dev.shipmate.bot.dispatch;

import dev.shipmate.bot.auth.Guard;
import dev.shipmate.engine.run.Run;
import java.util.Optional;

/**
 * The rules of the target a run acts on, whatever its pipeline: whose approval counts, who may
 * steer it, whether its buttons ask for confirmation. Each pipeline's slice says which target
 * guards its runs.
 */
@FunctionalInterface
public interface Guards {
  /** The run's guard, or empty for a run without one (only its requester may steer it). */
  Optional<Guard> of(Run run);
}
