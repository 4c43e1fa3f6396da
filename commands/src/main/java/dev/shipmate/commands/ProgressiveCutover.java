package dev.shipmate.commands;

import dev.shipmate.commands.Command.CutoverShift.Steps;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The rules that tie {@code --step} and {@code --every} to each other and to the target. */
final class ProgressiveCutover {
  private static final String EXAMPLE = "like `--step 25% --every 10m`";

  private ProgressiveCutover() {}

  static Optional<Steps> steps(int target, Options options) {
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
    if (step.get() > target) {
      throw refuse("`--step " + step.get() + "%` is larger than the target " + target + "%");
    }
    return Optional.of(new Steps(step.get(), every.get()));
  }

  private static InvalidCommand refuse(String reason) {
    return new InvalidCommand(reason, List.of(Usage.CUTOVER));
  }
}
