package dev.shipmate.bot.report;

import dev.shipmate.bot.dispatch.QueueWords;
import dev.shipmate.bot.presenter.RunCard;
import dev.shipmate.bot.slack.publish.CardSource;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Run cards as the store has them: projected from the stored run, its steps and approvers, and held
 * by one replica at a time ({@link Engine#holdCard}) while it changes the card in Slack.
 */
public final class StoredCards implements CardSource {

  /** Long enough for one Slack call; a replica that died holding a card lets go after it. */
  static final Duration LEASE = Duration.ofSeconds(30);

  private final Engine engine;
  private final RunCardProjector projector;
  private final String holder;

  /**
   * @param holder who holds a card: unique to this process among the replicas
   */
  public StoredCards(Engine engine, RunCardProjector projector, String holder) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.projector = Objects.requireNonNull(projector, "projector");
    this.holder = Objects.requireNonNull(holder, "holder");
  }

  /** With a holder name of its own, unique to this process. */
  public StoredCards(Engine engine, RunCardProjector projector) {
    this(engine, projector, "shipmate-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @Override
  public boolean hold(String runId) {
    return engine.holdCard(new RunId(runId), holder, LEASE);
  }

  @Override
  public Optional<RunCard> current(String runId) {
    return engine.run(new RunId(runId)).map(this::card);
  }

  @Override
  public void release(String runId) {
    engine.releaseCard(new RunId(runId), holder);
  }

  /** The card of {@code run} as stored now. */
  RunCard card(Run run) {
    List<String> approvers = run.approvalsRequired() > 0 ? engine.approvers(run.id()) : List.of();
    // A queued run's card says where it stands and who is ahead, in place of a step's progress.
    Optional<String> queued =
        run.status() == RunStatus.QUEUED
            ? engine.queuePlace(run.id()).map(QueueWords::card)
            : Optional.empty();
    return projector.card(run, engine.steps(run.id()), approvers, queued);
  }
}
