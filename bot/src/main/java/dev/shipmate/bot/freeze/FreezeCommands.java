package dev.shipmate.bot.freeze;

import dev.shipmate.bot.auth.Authorizer;
import dev.shipmate.bot.auth.Decision;
import dev.shipmate.bot.auth.Guard;
import dev.shipmate.bot.auth.Role;
import dev.shipmate.bot.dispatch.CommandOrigin;
import dev.shipmate.bot.dispatch.FreezeWords;
import dev.shipmate.bot.dispatch.Reply;
import dev.shipmate.bot.dispatch.Subject;
import dev.shipmate.commands.Command;
import dev.shipmate.config.Durations;
import dev.shipmate.config.FreezeTarget;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Freezes;
import dev.shipmate.engine.freeze.ActiveFreeze;
import dev.shipmate.engine.freeze.AdHocFreeze;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /freeze}, {@code /unfreeze} and {@code /freeze list}. Who may freeze a target is who may
 * start its runs (an environment's {@code deployers}, a cluster's or a cutover's {@code
 * operators}): the people who would otherwise be the ones changing it. A freeze set or lifted is
 * announced in the target's channel.
 */
final class FreezeCommands {
  /** Long enough for a holiday, short enough that a forgotten freeze ends by itself. */
  static final java.time.Duration LONGEST = java.time.Duration.ofDays(14);

  /** Stored and told when {@code /freeze} names no reason. */
  static final String NO_REASON = "no reason given";

  private final ShipmateConfig config;
  private final Freezes freezes;
  private final Authorizer authorizer;
  private final FreezeAnnouncer announcer;

  FreezeCommands(
      ShipmateConfig config, Freezes freezes, Authorizer authorizer, FreezeAnnouncer announcer) {
    this.config = Objects.requireNonNull(config, "config");
    this.freezes = Objects.requireNonNull(freezes, "freezes");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    this.announcer = Objects.requireNonNull(announcer, "announcer");
  }

  Reply freeze(Command.Freeze freeze, CommandOrigin origin) {
    FreezeTarget target = target(freeze.target());
    Subject subject = Subject.of(Freezes.ledgerKey(target));
    if (freeze.length().compareTo(LONGEST) > 0) {
      return Reply.refusal(
          "Nothing was frozen: a freeze from chat lasts at most "
              + Durations.format(LONGEST)
              + ". For a longer one, add it under freezes: in shipmate.yaml; or type `/freeze "
              + target.name()
              + " "
              + Durations.format(LONGEST)
              + freeze.reason().map(r -> " \"" + r + "\"").orElse("")
              + "`.",
          subject);
    }
    Optional<String> refused = refusal(target, origin.userId(), "freeze");
    if (refused.isPresent()) {
      return Reply.refusal("Nothing was frozen. " + refused.get(), subject);
    }
    AdHocFreeze set =
        freezes.freeze(target, freeze.length(), freeze.reason().orElse(NO_REASON), origin.userId());
    String until = FreezeWords.time(set.until());
    announcer.announce(
        channel(target, origin),
        ":snowflake: <@"
            + origin.userId()
            + "> froze "
            + target.name()
            + " until "
            + until
            + ": "
            + set.reason()
            + ". Deploys, cutovers, upgrades and previews there wait; rollbacks still pass."
            + " `/unfreeze "
            + target.name()
            + "` lifts it.");
    return Reply.answer(
        "Froze "
            + target.kind().word()
            + " "
            + target.name()
            + " until "
            + until
            + ": "
            + set.reason()
            + ". `/unfreeze "
            + target.name()
            + "` lifts it; `/freeze list` shows every freeze.",
        subject);
  }

  Reply unfreeze(Command.Unfreeze unfreeze, CommandOrigin origin) {
    FreezeTarget target = target(unfreeze.target());
    Subject subject = Subject.of(Freezes.ledgerKey(target));
    Optional<String> refused = refusal(target, origin.userId(), "unfreeze");
    if (refused.isPresent()) {
      return Reply.refusal("Nothing was unfrozen. " + refused.get(), subject);
    }
    List<AdHocFreeze> lifted = freezes.unfreeze(target, origin.userId());
    List<ActiveFreeze> configured =
        freezes.configured().stream().filter(f -> covers(f, target)).toList();
    String still =
        configured.isEmpty()
            ? ""
            : " Still in force, from shipmate.yaml: "
                + FreezeWords.describe(configured.get(0))
                + ".";
    if (lifted.isEmpty()) {
      return Reply.refusal(
          "Nothing was unfrozen: no freeze set from chat is in force on "
              + target.name()
              + "."
              + still
              + " `/freeze list` shows every freeze.",
          subject);
    }
    announcer.announce(
        channel(target, origin),
        ":sunny: <@" + origin.userId() + "> unfroze " + target.name() + "." + still);
    return Reply.answer("Unfroze " + target.name() + "." + still, subject);
  }

  Reply list(Command.FreezeList list, CommandOrigin origin) {
    List<ActiveFreeze> active = freezes.active();
    if (active.isEmpty()) {
      return Reply.answer(
          "No freeze is in force. `/freeze <target> <duration> \"<reason>\"` sets one.");
    }
    StringBuilder text = new StringBuilder("Freezes in force:");
    active.forEach(f -> text.append("\n• ").append(FreezeWords.line(f)));
    return Reply.answer(text.toString());
  }

  private static boolean covers(ActiveFreeze freeze, FreezeTarget target) {
    return switch (target.kind()) {
      case ENVIRONMENT -> freeze.scope().coversEnvironment(target.name());
      case CLUSTER -> freeze.scope().coversCluster(target.name());
      case CUTOVER -> freeze.scope().coversCutover(target.name());
    };
  }

  private FreezeTarget target(String name) {
    return FreezeTarget.find(config, name)
        .orElseThrow(() -> new IllegalStateException("the grammar let through " + name));
  }

  /** Why {@code userId} may not freeze or unfreeze {@code target}, if they may not. */
  private Optional<String> refusal(FreezeTarget target, String userId, String verb) {
    Decision decision = authorizer.mayStart(userId, guard(target), verb);
    return decision instanceof Decision.Refused refused
        ? Optional.of(refused.rule())
        : Optional.empty();
  }

  /** The rules of the target: its deployers or operators may freeze it. */
  Guard guard(FreezeTarget target) {
    return switch (target.kind()) {
      case ENVIRONMENT ->
          new Guard(
              target.name(),
              config.environment(target.name()).orElseThrow().policy(),
              Role.DEPLOYERS);
      case CLUSTER ->
          new Guard(
              target.name(), config.cluster(target.name()).orElseThrow().policy(), Role.OPERATORS);
      case CUTOVER ->
          new Guard(
              target.name(), config.cutover(target.name()).orElseThrow().policy(), Role.OPERATORS);
    };
  }

  /** The target's channel: an environment's own, else {@code slack.channel}, else the command's. */
  private String channel(FreezeTarget target, CommandOrigin origin) {
    Optional<String> own =
        target.kind() == FreezeTarget.Kind.ENVIRONMENT
            ? config.environment(target.name()).flatMap(e -> e.channel())
            : Optional.empty();
    return own.or(() -> config.slack().channel()).orElse(origin.channelId());
  }
}
