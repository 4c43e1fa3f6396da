package dev.shipmate.commands;

import dev.shipmate.commands.Command.CutoverShift.Steps;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The rules that tie {@code --step} and {@code --every} to each other. */
final class ProgressiveCutover {
  private static final String EXAMPLE = "like `--step 25% --every 10m`";

  private ProgressiveCutover() {}

  /**
   * The steps of a progressive cutover. The target is where green ends up, not how far it moves: a
   * step larger than the target is fine (from 100% down to 0% in 25% steps), and the last step
   * lands on the target whatever the step.
   */
  static Optional<Steps> steps(Options options) {
    Optional<Integer> step = options.percent(Flag.STEP);
    Optional<Duration> every = options.duration(Flag.EVERY);
    if (step.isEmpty() && every.isEmpty()) {
      return Optional.empty();
    }
    if (every.isEmpty()) {
      throw refuse("`--step` needs `--every`, the wait between steps, " + EXAMPLE);
    }
    if (step.isEmpty()) {
      throw refuse("`--every` needs `--step`, the share of traffic to move each time, " + EXAMPLE);
    }
    if (step.get() == 0) {
      throw refuse("`--step` must be more than 0%, " + EXAMPLE);
    }
    return Optional.of(new Steps(step.get(), every.get()));
  }

  private static InvalidCommand refuse(String reason) {
    return new InvalidCommand(reason, List.of(Usage.CUTOVER));
  }
}
