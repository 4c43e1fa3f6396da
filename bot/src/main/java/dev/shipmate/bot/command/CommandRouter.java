package dev.shipmate.bot.command;

import dev.shipmate.bot.auth.Authorizer;
import dev.shipmate.bot.auth.Decision;
import dev.shipmate.bot.wiring.Pipelines;
import dev.shipmate.commands.Command;
import dev.shipmate.commands.HelpText;
import dev.shipmate.commands.ParseResult;
import dev.shipmate.config.Environment;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.StartResult;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.pipelines.deploy.DeployRequest;
import dev.shipmate.pipelines.deploy.PlanRefusedException;
import dev.shipmate.pipelines.deploy.RollbackRequest;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns an understood command into what it asks for (a run started, a run cancelled, the list of
 * runs, help) and answers the person who typed it in words. It only checks, writes to the database
 * and answers: the run's work happens later, on the engine's threads, so the answer is never late.
 * Every command is recorded in the audit ledger with who typed it and when.
 */
public final class CommandRouter {

  static final String DUPLICATE =
      "Shipmate already received this command (Slack delivered it again), so nothing new was"
          + " started. /runs shows what is running.";

  static final String NOT_AVAILABLE = "That command is not available yet, so nothing was started.";

  private final ShipmateConfig config;
  private final Engine engine;
  private final PipelineRegistry pipelines;
  private final Authorizer authorizer;
  private final RunControls controls;
  private final RunsList runsList;
  private final Families families;
  private final Clock clock;

  /**
   * The command families that have their own routing class: one record, so that a new family is one
   * more component here instead of one more constructor parameter everywhere.
   */
  public record Families(
      UpgradeCommands upgrades,
      DeployQueries deployQueries,
      CutoverCommands cutovers,
      Optional<PreviewCommands> previews,
      DriftCommands drift) {
    public Families {
      Objects.requireNonNull(upgrades, "upgrades");
      Objects.requireNonNull(deployQueries, "deployQueries");
      Objects.requireNonNull(cutovers, "cutovers");
      Objects.requireNonNull(previews, "previews");
      Objects.requireNonNull(drift, "drift");
    }
  }

  public CommandRouter(
      ShipmateConfig config,
      Engine engine,
      PipelineRegistry pipelines,
      Authorizer authorizer,
      RunControls controls,
      Families families,
      Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.pipelines = Objects.requireNonNull(pipelines, "pipelines");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    this.controls = Objects.requireNonNull(controls, "controls");
    this.runsList = new RunsList(clock);
    this.families = Objects.requireNonNull(families, "families");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** What to answer the person who typed the command; only to them. */
  public String route(ParseResult result, CommandOrigin origin) {
    if (result instanceof ParseResult.Rejected rejected) {
      record(origin, Optional.empty(), Optional.empty());
      return rejected.render();
    }
    Command command = ((ParseResult.Parsed) result).command();
    if (command instanceof Command.Help help) {
      record(origin, Optional.empty(), Optional.empty());
      return help.topic().flatMap(HelpText::forCommand).orElseGet(HelpText::all);
    }
    if (command instanceof Command.Runs) {
      record(origin, Optional.empty(), Optional.empty());
      return runsList.render(engine.active());
    }
    if (command instanceof Command.DeployHistory history) {
      record(origin, Optional.empty(), Optional.empty());
      return families.deployQueries().history(history);
    }
    // Everything below may change something: a second delivery of the same request must not.
    if (origin.requestKey().isPresent() && !engine.claimRequest(origin.requestKey().get())) {
      return DUPLICATE;
    }
    if (command instanceof Command.Deploy deploy) {
      return deploy(deploy, origin);
    }
    if (command instanceof Command.Rollback rollback) {
      return rollback(rollback, origin);
    }
    if (command instanceof Command.Cancel cancel) {
      return cancel(cancel, origin);
    }
    if (command instanceof Command.Upgrade upgrade) {
      return families.upgrades().upgrade(upgrade, origin);
    }
    if (command instanceof Command.UpgradeStatus status) {
      return families.upgrades().status(status, origin);
    }
    if (command instanceof Command.UpgradePause pause) {
      return families.upgrades().pause(pause, origin);
    }
    if (command instanceof Command.UpgradeResume resume) {
      return families.upgrades().resume(resume, origin);
    }
    if (command instanceof Command.WhatsDeployed whatsDeployed) {
      record(origin, Optional.empty(), Optional.empty());
      return families.deployQueries().whatsDeployed(whatsDeployed, origin);
    }
    if (command instanceof Command.CutoverShift shift) {
      return families.cutovers().shift(shift, origin);
    }
    if (command instanceof Command.CutoverStatus status) {
      return families.cutovers().status(status, origin);
    }
    if (command instanceof Command.CutoverAbort abort) {
      return families.cutovers().abort(abort, origin);
    }
    if (PreviewCommands.handles(command) && families.previews().isPresent()) {
      return families.previews().get().route(command, origin);
    }
    if (command instanceof Command.Drift asked) {
      record(origin, Optional.empty(), Optional.empty());
      return families.drift().route(asked, origin);
    }
    record(origin, Optional.empty(), Optional.empty());
    return "Understood: " + withoutFinalPeriod(command.summary()) + ". " + NOT_AVAILABLE;
  }

  private String deploy(Command.Deploy deploy, CommandOrigin origin) {
    if (deploy.dryRun()) {
      record(origin, Optional.empty(), Optional.empty());
      return families.deployQueries().dryRun(deploy, origin);
    }
    return start(
        Pipelines.DEPLOY,
        "Deploys",
        "deploy",
        new DeployRequest(deploy.service(), deploy.version(), deploy.environment()),
        deploy.environment(),
        origin);
  }

  private String rollback(Command.Rollback rollback, CommandOrigin origin) {
    return start(
        Pipelines.ROLLBACK,
        "Rollbacks",
        "roll back",
        new RollbackRequest(rollback.service(), rollback.environment(), rollback.version()),
        rollback.environment(),
        origin);
  }

  private String start(
      String pipeline,
      String plural,
      String verb,
      Record params,
      String environmentName,
      CommandOrigin origin) {
    if (pipelines.find(pipeline).isEmpty()) {
      record(origin, Optional.empty(), Optional.empty());
      return plural + " are not wired yet, so nothing was started.";
    }
    Environment environment =
        config
            .environment(environmentName)
            .orElseThrow(
                () -> new IllegalStateException("the grammar let through " + environmentName));
    Decision decision =
        authorizer.mayStart(
            origin.userId(), environment.name(), environment.policy(), verb, "deployers");
    if (decision instanceof Decision.Refused refused) {
      record(origin, Optional.empty(), Optional.empty());
      return "Nothing was started. " + refused.rule();
    }
    String channel =
        environment.channel().or(() -> config.slack().channel()).orElse(origin.channelId());
    int approvals = environment.policy().approvals();
    StartResult result;
    try {
      result =
          engine.start(
              StartRequest.of(pipeline, params, origin.userId())
                  .replyTo(ReplyAddress.channel(channel))
                  .approvals(approvals));
    } catch (PlanRefusedException refused) {
      // The pipeline checks what the grammar cannot (a service's Deployments, the environment's
      // cluster) before anything is written: nothing was started.
      record(origin, Optional.empty(), Optional.empty());
      return "Nothing was started: " + refused.getMessage();
    }
    if (result instanceof StartResult.Refused refused) {
      record(origin, Optional.of(refused.holder().key()), Optional.empty());
      return "Nothing was started: " + refused.userMessage();
    }
    Run run = ((StartResult.Started) result).run();
    record(origin, Optional.of(run.target()), Optional.of(run.id()));
    String started =
        "Started " + run.id() + ": " + run.summary() + " — follow it in <#" + channel + ">.";
    if (approvals > 0) {
      started +=
          " It waits for "
              + approvals
              + (approvals == 1 ? " approval" : " approvals")
              + " from someone else before it begins.";
    }
    return started;
  }

  private String cancel(Command.Cancel cancel, CommandOrigin origin) {
    Optional<RunId> id = RunId.parse(cancel.runId());
    if (id.isEmpty()) {
      record(origin, Optional.empty(), Optional.empty());
      return "'"
          + cancel.runId()
          + "' is not a run id: a letter, a dash and four letters or digits, like d-4k2p."
          + " /runs lists the active ones.";
    }
    Optional<Run> run = engine.run(id.get());
    record(origin, run.map(Run::target), id);
    return controls.cancel(id.get(), origin.userId()).message();
  }

  private void record(CommandOrigin origin, Optional<LockKey> target, Optional<RunId> runId) {
    engine.record(
        new AuditEntry(
            clock.instant(), origin.userId(), AuditAction.COMMAND, target, runId, origin.typed()));
  }

  private static String withoutFinalPeriod(String summary) {
    return summary.endsWith(".") ? summary.substring(0, summary.length() - 1) : summary;
  }
}
