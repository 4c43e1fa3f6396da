package dev.shipmate.engine.advance;

import dev.shipmate.engine.freeze.ActiveFreeze;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.Run;
import java.util.List;
import java.util.Set;

/** What the queue asks of a queued run's pipeline before its turn may come. */
public interface QueueRules {
  /**
   * The freezes in force now that stop the run; empty when none does, or when it was asked for
   * through them ({@code --break-glass}).
   */
  List<ActiveFreeze> frozen(Run run);

  /** The keys that must be free besides its target ({@code Pipeline.refuseWhileHeld}). */
  Set<LockKey> refuseWhileHeld(Run run);
}
