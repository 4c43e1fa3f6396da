package dev.shipmate.bot.deploy;

import dev.shipmate.bot.auth.Authorizer;
import dev.shipmate.bot.auth.Decision;
import dev.shipmate.bot.dispatch.Click;
import dev.shipmate.bot.dispatch.ClickReply;
import dev.shipmate.bot.dispatch.Reply;
import dev.shipmate.bot.dispatch.RunStarter;
import dev.shipmate.bot.dispatch.Subject;
import dev.shipmate.bot.slack.render.Mrkdwn;
import dev.shipmate.config.Environment;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.pipelines.deploy.DeployRequest;
import dev.shipmate.pipelines.deploy.RollbackPipeline;
import dev.shipmate.pipelines.deploy.RollbackRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The Roll back button of a finished deploy's card: starts the rollback pipeline for that service
 * and environment, back to the version the deploy replaced, under the same rules as {@code
 * /rollback} (the environment's deployers; its approvals). One card starts one rollback: a second
 * click, or a click after the first rollback ended, is told which run it already started. The
 * rollback is announced in the deploy card's thread (and gets a card of its own); a refusal is told
 * only to whoever clicked.
 */
final class RollbackFromCard {

  /** How many of the target's newest runs are read to find a change after the card's deploy. */
  private static final int NEWER_RUNS_LOOKED_AT = 50;

  /**
   * How the button dispatcher's audit line of a click that started a rollback begins ({@code Roll
   * back button on d-4k2p: started r-7x2q (…)}): how a second click finds the first one's rollback.
   */
  private static final String STARTED_LINE = "Roll back button on %s: started ";

  private final ShipmateConfig config;
  private final Engine engine;
  private final RunStarter starter;
  private final Authorizer authorizer;
  private final Predicate<Run> isDeploy;

  /**
   * @param isDeploy whether a run is a deploy (and not a rollback, or another pipeline's run)
   */
  RollbackFromCard(
      ShipmateConfig config,
      Engine engine,
      RunStarter starter,
      Authorizer authorizer,
      Predicate<Run> isDeploy) {
    this.config = Objects.requireNonNull(config, "config");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.starter = Objects.requireNonNull(starter, "starter");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    this.isDeploy = Objects.requireNonNull(isDeploy, "isDeploy");
  }

  ClickReply click(Click click) {
    Optional<RunId> runId = RunId.parse(click.value());
    if (runId.isEmpty() || click.channelId() == null) {
      return ClickReply.refused("That button names no run Shipmate knows; nothing was started.");
    }
    return rollBack(runId.get(), click.userId(), click.channelId());
  }

  /**
   * @param channelId the channel the card was clicked in, where the rollback reports when its
   *     environment and the configuration name no channel
   */
  ClickReply rollBack(RunId deployId, String userId, String channelId) {
    Optional<Run> found = engine.run(deployId);
    if (found.isEmpty()) {
      return ClickReply.refused("There is no run " + deployId + "; nothing was started.");
    }
    Run deploy = found.get();
    if (deploy.isActive() || !isDeploy.test(deploy)) {
      return ClickReply.refused(
          deployId
              + " is not a finished deploy, so it has no Roll back; nothing was started."
              + " /rollback SERVICE ENVIRONMENT rolls a service back.");
    }
    Subject card = Subject.of(deploy.target(), deploy.id());
    DeployRequest request = deploy.params(DeployRequest.class);
    String typed = "/rollback " + request.service() + " " + request.environment();
    Optional<String> replaced = ReplacedVersion.of(deploy);
    if (replaced.isEmpty()) {
      return ClickReply.refused(
          deployId
              + " changed no image Shipmate can name, so there is no version to go back to;"
              + " nothing was started. "
              + typed
              + " goes back to the previous revision.");
    }
    String version = replaced.get();
    String shown = Mrkdwn.escape(version); // an image tag read from the cluster
    Environment environment = config.environment(request.environment()).orElse(null);
    if (environment == null) {
      return ClickReply.refused(
          "The environment "
              + request.environment()
              + " is no longer configured; nothing was started.");
    }
    // Checked before the card's history, so that who may not roll back learns only that.
    if (authorizer.mayStart(userId, DeploySlice.guard(environment), "roll back")
        instanceof Decision.Refused refused) {
      return new ClickReply.Refused("Nothing was started. " + refused.rule(), card);
    }
    Optional<String> earlier = alreadyStarted(deployId);
    if (earlier.isPresent()) {
      return new ClickReply.Refused(
          "A rollback was already started from this card: "
              + earlier.get()
              + "; nothing new was started. "
              + typed
              + " to "
              + shown
              + " starts another.",
          card);
    }
    Optional<Run> newer = newerChange(deploy);
    if (newer.isPresent()) {
      // Rolling back from an old card would skip what ran since, and undo it unasked.
      return new ClickReply.Refused(
          newer.get().id()
              + " ("
              + Mrkdwn.escape(newer.get().summary())
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
              + shown
              + " goes to the version before "
              + deployId
              + ".",
          card);
    }
    String channel = environment.channel().or(() -> config.slack().channel()).orElse(channelId);
    RunStarter.Outcome outcome =
        starter.start(
            Reply.start(
                StartRequest.of(
                        RollbackPipeline.TYPE,
                        new RollbackRequest(
                            request.service(), request.environment(), Optional.of(version)),
                        userId)
                    .replyTo(ReplyAddress.channel(channel)),
                DeploySlice.guard(environment),
                "roll back"));
    if (outcome instanceof RunStarter.Outcome.Started started) {
      // Posted for the whole thread: the version is an image tag read from the cluster.
      String text = Mrkdwn.escape(outcome.text());
      return new ClickReply.Posted(
          "<@" + userId + "> s" + text.substring(1),
          card,
          "started " + started.run().id() + " (" + started.run().summary() + ")");
    }
    return new ClickReply.Refused(outcome.text(), card);
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
    String prefix = STARTED_LINE.formatted(deployId);
    return engine.audit(deployId).stream()
        .filter(line -> line.action() == AuditAction.COMMAND)
        .map(AuditEntry::detail)
        .filter(detail -> detail.startsWith(prefix))
        .map(detail -> detail.substring(prefix.length(), detail.indexOf(' ', prefix.length())))
        .findFirst();
  }
}
