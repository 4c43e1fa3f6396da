package dev.shipmate.engine;

import dev.shipmate.engine.freeze.ActiveFreeze;
import dev.shipmate.engine.run.LockHolder;
import dev.shipmate.engine.run.LockKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Engine#start} would do with a request, worked out without writing anything: for a
 * confirmation shown before the run is asked for. The lock may change hands before the start.
 *
 * @param summary the run's line: {@code deploy web v1.2 to prod}
 * @param target the key the run would hold; empty when the parameters have problems
 * @param problems why the pipeline would refuse the parameters; empty when it takes them
 * @param holder the run that holds {@code target} (or a key it must not start beside) now
 * @param frozen the freezes in force that block this change now; a start refuses it unless it
 *     breaks the glass (with one more approval)
 */
public record StartPlan(
    String summary,
    Optional<LockKey> target,
    List<String> problems,
    Optional<LockHolder> holder,
    List<ActiveFreeze> frozen) {

  public StartPlan {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(target, "target");
    problems = List.copyOf(problems);
    Objects.requireNonNull(holder, "holder");
    frozen = List.copyOf(frozen);
  }
}
