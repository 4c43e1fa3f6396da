package dev.shipmate.config;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Reads {@code inFlight:} and {@code watchdogs:}; each key left out keeps its default. */
final class ChangeControlReader {
  static final Keys IN_FLIGHT =
      Keys.of("deploy", "rollback", "cutover", "upgrade", "previews")
          .withHint("upgrades", "the kinds are those a freeze blocks: 'upgrade'")
          .withHint("deploys", "the kinds are those a freeze blocks: 'deploy'");
  static final Keys WATCHDOGS =
      Keys.of("every", "stuckFactor", "stuckAfter", "approvalTimeout", "previewWarning")
          .withHint("interval", "how often the watchdog looks is 'every', e.g. every: 1m");

  private ChangeControlReader() {}

  static InFlightRules inFlight(YamlMapping inFlight) {
    Map<FreezeBlock, InFlightRule> rules = new EnumMap<>(InFlightRules.DEFAULTS.rules());
    for (FreezeBlock kind : FreezeBlock.values()) {
      Optional<String> word = inFlight.text(kind.word());
      if (word.isEmpty()) {
        continue;
      }
      Optional<InFlightRule> rule = InFlightRule.named(word.get());
      if (rule.isEmpty()) {
        inFlight.errorAt(
            kind.word(),
            "'"
                + word.get()
                + "' is not a rule: use pause (finish the current step, or node, and wait for"
                + " the freeze to end) or finish (let the run finish)");
      } else {
        rules.put(kind, rule.get());
      }
    }
    return new InFlightRules(rules);
  }

  static Watchdogs watchdogs(YamlMapping watchdogs) {
    Watchdogs defaults = Watchdogs.DEFAULTS;
    Duration every = watchdogs.read("every", YamlValue::duration).orElse(defaults.every());
    int factor =
        watchdogs
            .wholeNumber("stuckFactor", 1, "how many times a step's usual time")
            .orElse(defaults.stuckFactor());
    Duration stuckAfter =
        watchdogs.read("stuckAfter", YamlValue::duration).orElse(defaults.stuckAfter());
    Duration approval =
        watchdogs.read("approvalTimeout", YamlValue::duration).orElse(defaults.approvalTimeout());
    Duration warning =
        watchdogs.read("previewWarning", YamlValue::duration).orElse(defaults.previewWarning());
    if (every.compareTo(stuckAfter) > 0) {
      watchdogs.errorAt(
          "every",
          "the watchdog would look less often than a run may stay stuck: make every ("
              + Durations.format(every)
              + ") at most stuckAfter ("
              + Durations.format(stuckAfter)
              + ")");
    }
    return new Watchdogs(every, factor, stuckAfter, approval, warning);
  }
}
