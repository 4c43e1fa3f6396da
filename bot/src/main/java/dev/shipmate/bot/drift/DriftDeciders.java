package dev.shipmate.bot.drift;

import dev.shipmate.bot.auth.Authorizer;
import dev.shipmate.bot.auth.Decision;
import dev.shipmate.bot.auth.Guard;
import dev.shipmate.bot.auth.Role;
import dev.shipmate.config.Cluster;
import dev.shipmate.config.Cutover;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.pipelines.drift.Finding;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may snooze or ignore a drift finding: those who may change what drifted. A finding in a
 * cluster is decided by the cluster's {@code operators}; a cutover's Route53 weights by the
 * cutover's {@code operators}. A decision hides the drift from every later report, so it needs the
 * same people as the change it excuses; an empty list means anyone, as it does for starting runs.
 */
final class DriftDeciders {

  private static final String WEIGHTS = Finding.DNS + "|weights|";
  static final String VERB = "snooze or ignore its drift";

  private final ShipmateConfig config;
  private final Authorizer authorizer;

  DriftDeciders(ShipmateConfig config, Authorizer authorizer) {
    this.config = Objects.requireNonNull(config, "config");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
  }

  /** The guard of what {@code findingKey} is about, or empty when no configured target owns it. */
  Optional<Guard> guardOf(String findingKey) {
    if (findingKey.startsWith(WEIGHTS)) {
      Cutover cutover = config.cutovers().get(findingKey.substring(WEIGHTS.length()));
      return Optional.ofNullable(cutover).map(c -> new Guard(c.name(), c.policy(), Role.OPERATORS));
    }
    int bar = findingKey.indexOf('|');
    Cluster cluster = bar < 0 ? null : config.clusters().get(findingKey.substring(0, bar));
    return Optional.ofNullable(cluster).map(c -> new Guard(c.name(), c.policy(), Role.OPERATORS));
  }

  /** Why {@code userId} may not decide about the finding, or empty when they may. */
  Optional<String> refusal(String userId, Guard guard) {
    return authorizer.mayStart(userId, guard, VERB) instanceof Decision.Refused refused
        ? Optional.of("Nothing was recorded. " + refused.rule())
        : Optional.empty();
  }
}
