package dev.shipmate.bot.command;

import dev.shipmate.bot.auth.Authorizer;
import dev.shipmate.bot.auth.Decision;
import dev.shipmate.bot.wiring.Pipelines;
import dev.shipmate.config.Environment;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.StartResult;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.pipelines.deploy.DeployRequest;
import dev.shipmate.pipelines.deploy.PlanRefusedException;
import dev.shipmate.pipelines.deploy.RollbackRequest;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The Roll back button of a finished deploy's card: starts the rollback pipeline for that service
 * and environment, back to the version the deploy replaced, under the same rules as {@code
 * /rollback} (the environment's deployers; its approvals). One card starts one rollback: a second
 * click, or a click after the first rollback ended, is told which run it already started.
 */
public final class RollbackFromCard {

  /** What the click did. */
  public sealed interface Outcome {
    String message();

    /**
     * @param channel where the rollback's own card goes
     */
    record Started(Run rollback, String channel, String message) implements Outcome {}

    record Refused(String message) implements Outcome {}
  }

  /** How many of the target's newest runs are read to find a change after the card's deploy. */
  private static final int NEWER_RUNS_LOOKED_AT = 50;

  private static final String STARTED_LINE = "Roll back button on %s started %s: %s";

  private final ShipmateConfig config;
  private final Engine engine;
  private final Authorizer authorizer;
  private final Clock clock;

  public RollbackFromCard(
      ShipmateConfig config, Engine engine, Authorizer authorizer, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param channelId the channel the card was clicked in, where the rollback reports when its
   *     environment and the configuration name no channel
   */
  public Outcome rollBack(RunId deployId, String userId, String channelId) {
    Optional<Run> found = engine.run(deployId);
    if (found.isEmpty()) {
      return new Outcome.Refused("There is no run " + deployId + "; nothing was started.");
    }
    Run deploy = found.get();
    if (!Pipelines.DEPLOY.equals(deploy.pipeline()) || deploy.isActive()) {
      return new Outcome.Refused(
          deployId
              + " is not a finished deploy, so it has no Roll back; nothing was started."
              + " /rollback SERVICE ENVIRONMENT rolls a service back.");
    }
    DeployRequest request = deploy.params(DeployRequest.class);
    String typed = "/rollback " + request.service() + " " + request.environment();
    Optional<String> version = ReplacedVersion.of(deploy);
    if (version.isEmpty()) {
      return new Outcome.Refused(
          deployId
              + " changed no image Shipmate can name, so there is no version to go back to;"
              + " nothing was started. "
              + typed
              + " goes back to the previous revision.");
    }
    Environment environment = config.environment(request.environment()).orElse(null);
    if (environment == null) {
      return new Outcome.Refused(
          "The environment "
              + request.environment()
              + " is no longer configured; nothing was started.");
    }
    Decision decision =
        authorizer.mayStart(
            userId, environment.name(), environment.policy(), "roll back", "deployers");
    if (decision instanceof Decision.Refused refused) {
      record(deploy, userId, "Roll back button on " + deployId + " refused: " + refused.rule());
      return new Outcome.Refused("Nothing was started. " + refused.rule());
    }
    Optional<String> earlier = alreadyStarted(deployId);
    if (earlier.isPresent()) {
      return new Outcome.Refused(
          "A rollback was already started from this card: "
              + earlier.get()
              + "; nothing new was started. "
              + typed
              + " to "
              + version.get()
              + " starts another.");
    }
    Optional<Run> newer = newerChange(deploy);
    if (newer.isPresent()) {
      // Rolling back from an old card would skip what ran since, and undo it unasked.
      return new Outcome.Refused(
          newer.get().id()
              + " ("
              + newer.get().summary()
              + ") changed "
              + request.service()
              + " in "
              + request.environment()
              + " after "
              + deployId
              + ", so this card's Roll back would skip it; nothing was started. "
              + typed
              + " goes back from what runs now; "
              + typed
              + " to "
              + version.get()
              + " goes to the version before "
              + deployId
              + ".");
    }
    String channel = environment.channel().or(() -> config.slack().channel()).orElse(channelId);
    int approvals = environment.policy().approvals();
    StartResult result;
    try {
      result =
          engine.start(
              StartRequest.of(
                      Pipelines.ROLLBACK,
                      new RollbackRequest(request.service(), request.environment(), version),
                      userId)
                  .replyTo(ReplyAddress.channel(channel))
                  .approvals(approvals));
    } catch (PlanRefusedException refused) {
      return new Outcome.Refused("Nothing was started: " + refused.getMessage());
    }
    if (result instanceof StartResult.Refused refused) {
      return new Outcome.Refused("Nothing was started: " + refused.userMessage());
    }
    Run rollback = ((StartResult.Started) result).run();
    record(deploy, userId, STARTED_LINE.formatted(deployId, rollback.id(), rollback.summary()));
    String message =
        "<@"
            + userId
            + "> started "
            + rollback.id()
            + ": "
            + rollback.summary()
            + " — follow it in <#"
            + channel
            + ">."
            + (approvals > 0
                ? " It waits for "
                    + approvals
                    + (approvals == 1 ? " approval" : " approvals")
                    + " from someone else before it begins."
                : "");
    return new Outcome.Started(rollback, channel, message);
  }

  /**
   * A deploy or rollback of the same service and environment that succeeded after {@code deploy}
   * was asked for: what runs now is no longer what the card's deploy left.
   */
  private Optional<Run> newerChange(Run deploy) {
    return engine.history(deploy.target(), NEWER_RUNS_LOOKED_AT).stream()
        .filter(run -> !run.id().equals(deploy.id()))
        .filter(run -> run.createdAt().isAfter(deploy.createdAt()))
        .filter(run -> run.status() == RunStatus.SUCCEEDED)
        .findFirst();
  }

  /** The rollback an earlier click on this card started, from the ledger. */
  private Optional<String> alreadyStarted(RunId deployId) {
    String prefix = "Roll back button on " + deployId + " started ";
    return engine.audit(deployId).stream()
        .filter(line -> line.action() == AuditAction.COMMAND)
        .map(AuditEntry::detail)
        .filter(detail -> detail.startsWith(prefix))
        .map(detail -> detail.substring(prefix.length(), detail.indexOf(':', prefix.length())))
        .findFirst();
  }

  private void record(Run deploy, String userId, String detail) {
    engine.record(
        new AuditEntry(
            clock.instant(),
            userId,
            AuditAction.COMMAND,
            Optional.of(deploy.target()),
            Optional.of(deploy.id()),
            detail));
  }
}
