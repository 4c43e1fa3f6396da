package dev.shipmate.commands;

import static dev.shipmate.commands.Flag.BREAK_GLASS;
import static dev.shipmate.commands.Flag.DRY_RUN;
import static dev.shipmate.commands.Flag.EVERY;
import static dev.shipmate.commands.Flag.QUEUE;
import static dev.shipmate.commands.Flag.REF;
import static dev.shipmate.commands.Flag.STEP;
import static dev.shipmate.commands.Flag.TTL;
import static dev.shipmate.commands.Name.CLUSTER;
import static dev.shipmate.commands.Name.CUTOVER;
import static dev.shipmate.commands.Name.ENVIRONMENT;
import static dev.shipmate.commands.Name.SERVICE;
import static dev.shipmate.commands.Name.TARGET;
import static dev.shipmate.commands.Value.DURATION;
import static dev.shipmate.commands.Value.KUBERNETES_VERSION;
import static dev.shipmate.commands.Value.PERCENT;
import static dev.shipmate.commands.Value.PULL_REQUEST;
import static dev.shipmate.commands.Value.REASON;
import static dev.shipmate.commands.Value.RUN_ID;
import static dev.shipmate.commands.Value.TOPIC;
import static dev.shipmate.commands.Value.VERSION;

import dev.shipmate.commands.Command.Cancel;
import dev.shipmate.commands.Command.CutoverAbort;
import dev.shipmate.commands.Command.CutoverShift;
import dev.shipmate.commands.Command.CutoverStatus;
import dev.shipmate.commands.Command.Deploy;
import dev.shipmate.commands.Command.DeployHistory;
import dev.shipmate.commands.Command.Drift;
import dev.shipmate.commands.Command.EnvDown;
import dev.shipmate.commands.Command.EnvExtend;
import dev.shipmate.commands.Command.EnvList;
import dev.shipmate.commands.Command.EnvUp;
import dev.shipmate.commands.Command.Freeze;
import dev.shipmate.commands.Command.FreezeList;
import dev.shipmate.commands.Command.Help;
import dev.shipmate.commands.Command.Queue;
import dev.shipmate.commands.Command.Rollback;
import dev.shipmate.commands.Command.Runs;
import dev.shipmate.commands.Command.Unfreeze;
import dev.shipmate.commands.Command.Upgrade;
import dev.shipmate.commands.Command.UpgradePause;
import dev.shipmate.commands.Command.UpgradeResume;
import dev.shipmate.commands.Command.UpgradeStatus;
import dev.shipmate.commands.Command.WhatsDeployed;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The grammar itself: every way of writing every command. When two forms read a text equally well,
 * the one listed first is the one a rejection talks about, so each command's main form comes first.
 */
final class Forms {
  private static final Keyword TO = Keyword.joining("to");

  static final List<Form> ALL =
      List.of(
          new Form(
              Usage.DEPLOY,
              List.of(SERVICE, VERSION, ENVIRONMENT),
              Set.of(DRY_RUN, BREAK_GLASS, QUEUE),
              (v, o) ->
                  new Deploy(
                      v.text(0),
                      v.text(1),
                      v.text(2),
                      o.has(DRY_RUN),
                      o.text(BREAK_GLASS),
                      o.has(QUEUE))),
          new Form(
              Usage.DEPLOY_HISTORY,
              List.of(Keyword.subcommand("history"), SERVICE, ENVIRONMENT),
              Set.of(),
              (v, o) -> new DeployHistory(v.text(1), v.text(2))),
          new Form(
              Usage.WHATS_DEPLOYED,
              List.of(SERVICE),
              Set.of(),
              (v, o) -> new WhatsDeployed(v.text(0))),
          new Form(
              Usage.ROLLBACK,
              List.of(SERVICE, ENVIRONMENT),
              Set.of(QUEUE),
              (v, o) -> new Rollback(v.text(0), v.text(1), Optional.empty(), o.has(QUEUE))),
          new Form(
              Usage.ROLLBACK,
              List.of(SERVICE, ENVIRONMENT, TO, VERSION),
              Set.of(QUEUE),
              (v, o) -> new Rollback(v.text(0), v.text(1), Optional.of(v.text(3)), o.has(QUEUE))),
          new Form(
              Usage.ENV_UP,
              List.of(Keyword.subcommand("up"), PULL_REQUEST),
              Set.of(REF, TTL),
              (v, o) -> new EnvUp(v.number(1), o.text(REF), o.duration(TTL))),
          new Form(
              Usage.ENV_DOWN,
              List.of(Keyword.subcommand("down"), PULL_REQUEST),
              Set.of(),
              (v, o) -> new EnvDown(v.number(1))),
          new Form(
              Usage.ENV_EXTEND,
              List.of(Keyword.subcommand("extend"), PULL_REQUEST, DURATION),
              Set.of(),
              (v, o) -> new EnvExtend(v.number(1), v.duration(2))),
          new Form(
              Usage.ENV_LIST,
              List.of(Keyword.subcommand("list")),
              Set.of(),
              (v, o) -> new EnvList()),
          new Form(
              Usage.CUTOVER,
              List.of(CUTOVER, PERCENT),
              Set.of(STEP, EVERY, DRY_RUN, BREAK_GLASS, QUEUE),
              (v, o) ->
                  new CutoverShift(
                      v.text(0),
                      v.number(1),
                      ProgressiveCutover.steps(o),
                      o.has(DRY_RUN),
                      o.text(BREAK_GLASS),
                      o.has(QUEUE))),
          new Form(
              Usage.CUTOVER_CONTROL,
              List.of(CUTOVER, Keyword.subcommand("status")),
              Set.of(),
              (v, o) -> new CutoverStatus(v.text(0))),
          new Form(
              Usage.CUTOVER_CONTROL,
              List.of(CUTOVER, Keyword.subcommand("abort")),
              Set.of(),
              (v, o) -> new CutoverAbort(v.text(0))),
          new Form(
              Usage.UPGRADE,
              List.of(CLUSTER, KUBERNETES_VERSION),
              Set.of(DRY_RUN, BREAK_GLASS, QUEUE),
              (v, o) ->
                  new Upgrade(
                      v.text(0), v.text(1), o.has(DRY_RUN), o.text(BREAK_GLASS), o.has(QUEUE))),
          new Form(
              Usage.UPGRADE_CONTROL,
              List.of(CLUSTER, Keyword.subcommand("status")),
              Set.of(),
              (v, o) -> new UpgradeStatus(v.text(0))),
          new Form(
              Usage.UPGRADE_CONTROL,
              List.of(CLUSTER, Keyword.subcommand("pause")),
              Set.of(),
              (v, o) -> new UpgradePause(v.text(0))),
          new Form(
              Usage.UPGRADE_CONTROL,
              List.of(CLUSTER, Keyword.subcommand("resume")),
              Set.of(),
              (v, o) -> new UpgradeResume(v.text(0))),
          new Form(Usage.DRIFT, List.of(), Set.of(), (v, o) -> new Drift(Optional.empty())),
          new Form(
              Usage.DRIFT, List.of(CLUSTER), Set.of(), (v, o) -> new Drift(Optional.of(v.text(0)))),
          new Form(
              Usage.FREEZE_LIST,
              List.of(Keyword.subcommand("list")),
              Set.of(),
              (v, o) -> new FreezeList()),
          new Form(
              Usage.FREEZE,
              List.of(TARGET, DURATION, REASON),
              Set.of(),
              (v, o) -> new Freeze(v.text(0), v.duration(1), Optional.of(v.text(2)))),
          new Form(
              Usage.FREEZE,
              List.of(TARGET, DURATION),
              Set.of(),
              (v, o) -> new Freeze(v.text(0), v.duration(1), Optional.empty())),
          new Form(Usage.UNFREEZE, List.of(TARGET), Set.of(), (v, o) -> new Unfreeze(v.text(0))),
          new Form(Usage.RUNS, List.of(), Set.of(), (v, o) -> new Runs()),
          new Form(Usage.CANCEL, List.of(RUN_ID), Set.of(), (v, o) -> new Cancel(v.text(0))),
          new Form(Usage.QUEUE, List.of(), Set.of(), (v, o) -> new Queue(Optional.empty())),
          new Form(
              Usage.QUEUE, List.of(TARGET), Set.of(), (v, o) -> new Queue(Optional.of(v.text(0)))),
          new Form(Usage.HELP, List.of(), Set.of(), (v, o) -> new Help(Optional.empty())),
          new Form(
              Usage.HELP,
              List.of(Keyword.subcommand("help")),
              Set.of(),
              (v, o) -> new Help(Optional.empty())),
          new Form(
              Usage.HELP,
              List.of(Keyword.subcommand("help"), TOPIC),
              Set.of(),
              (v, o) -> new Help(Optional.of(v.text(1)))));

  private Forms() {}

  /** Every form of one slash command, in the order above. */
  static List<Form> of(String slash) {
    return ALL.stream().filter(f -> f.usage().slash().equals(slash)).toList();
  }
}
