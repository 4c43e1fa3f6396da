package dev.shipmate.engine.advance;

import dev.shipmate.engine.freeze.Change;
import dev.shipmate.engine.run.FreezeHold;
import dev.shipmate.engine.run.Run;
import java.util.Optional;

/** Whether freezes in force hold a run already going, by the configured in-flight rule. */
@FunctionalInterface
public interface FreezeHolds {
  /** None ever: a run goes on whatever is frozen. */
  FreezeHolds NONE = (run, change) -> Optional.empty();

  /**
   * The freezes that hold {@code run} now, which would make {@code change} (its pipeline's {@code
   * change(params)}), if any.
   */
  Optional<FreezeHold> holdFor(Run run, Optional<Change> change);
}
