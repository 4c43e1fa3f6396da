package dev.shipmate.bot.dispatch;

import dev.shipmate.commands.Command;
import dev.shipmate.commands.HelpText;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The commands that belong to no pipeline: {@code /shipmate help}, {@code /runs}, {@code /queue
 * [target]} and {@code /cancel <run-id>}.
 */
public final class CoreCommands {

  private final Engine engine;
  private final RunControls controls;
  private final RunsList runsList;

  public CoreCommands(Engine engine, RunControls controls, Clock clock) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.controls = Objects.requireNonNull(controls, "controls");
    this.runsList = new RunsList(clock);
  }

  public void register(CommandHandlers handlers) {
    handlers
        .query(
            Command.Help.class,
            (help, origin) ->
                Reply.answer(help.topic().flatMap(HelpText::forCommand).orElseGet(HelpText::all)))
        .query(Command.Runs.class, (runs, origin) -> Reply.answer(runsList.render(active(engine))))
        .query(Command.Queue.class, (queue, origin) -> Reply.answer(queue(queue)))
        .on(Command.Cancel.class, this::cancel);
  }

  /** {@code /queue [target]}: the queued runs of every target, or of the one named. */
  private String queue(Command.Queue queue) {
    String asked = queue.target().orElse("");
    return QueueWords.list(
        engine.queued().stream()
            .filter(place -> asked.isEmpty() || concerns(place.run().target(), asked))
            .toList(),
        asked);
  }

  /**
   * Whether a lock key is about {@code name}: {@code deploy:prod/web} is about prod, and about
   * {@code deploy:prod} and itself, as {@code /queue} shows the keys.
   */
  static boolean concerns(LockKey key, String name) {
    String keyName = key.value().substring(key.value().indexOf(':') + 1);
    return about(keyName, name) || about(key.value(), name);
  }

  private static boolean about(String keyName, String name) {
    return keyName.equalsIgnoreCase(name)
        || keyName.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + "/");
  }

  private Reply cancel(Command.Cancel cancel, CommandOrigin origin) {
    Optional<RunId> id = RunId.parse(cancel.runId());
    if (id.isEmpty()) {
      return Reply.refusal(
          "'"
              + cancel.runId()
              + "' is not a run id: a letter, a dash and four letters or digits, like d-4k2p."
              + " /runs lists the active ones.");
    }
    Optional<Run> run = engine.run(id.get());
    Subject subject = new Subject(run.map(Run::target), id);
    RunControls.Outcome outcome = controls.cancel(id.get(), origin.userId());
    return outcome instanceof RunControls.Outcome.Done
        ? Reply.answer(outcome.message(), subject)
        : Reply.refusal(outcome.message(), subject);
  }

  /** The active runs, with the stuck ones the watchdog would flag now. */
  private static RunsList.Active active(Engine engine) {
    List<Run> runs = engine.active();
    return new RunsList.Active(runs, engine.watchdog().stalls(runs));
  }
}
