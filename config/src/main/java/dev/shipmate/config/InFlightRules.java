package dev.shipmate.config;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code inFlight:} — for each kind of change a freeze stops, what a run of that kind already going
 * does when a freeze comes into force ({@link InFlightRule}). By default an upgrade pauses before
 * its next node (a half-upgraded cluster is safe to leave; a node drained during a freeze is the
 * change the freeze forbids) and everything else finishes (a rolling deploy left half-way is worse
 * than one finished).
 */
public record InFlightRules(Map<FreezeBlock, InFlightRule> rules) {
  public static final InFlightRules DEFAULTS =
      new InFlightRules(Map.of(FreezeBlock.UPGRADE, InFlightRule.PAUSE));

  public InFlightRules {
    Objects.requireNonNull(rules, "rules");
    EnumMap<FreezeBlock, InFlightRule> all = new EnumMap<>(FreezeBlock.class);
    for (FreezeBlock kind : FreezeBlock.values()) {
      all.put(kind, rules.getOrDefault(kind, InFlightRule.FINISH));
    }
    rules = Map.copyOf(all);
  }

  /** The rule for runs of {@code kind}. */
  public InFlightRule of(FreezeBlock kind) {
    return rules.get(kind);
  }

  /** The same rules with {@code kind}'s set to {@code rule}. */
  public InFlightRules with(FreezeBlock kind, InFlightRule rule) {
    EnumMap<FreezeBlock, InFlightRule> next = new EnumMap<>(rules);
    next.put(kind, rule);
    return new InFlightRules(next);
  }
}
