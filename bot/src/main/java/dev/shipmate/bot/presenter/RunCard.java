package dev.shipmate.bot.presenter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a run's card shows, at one moment: a snapshot filled from the engine's run, with no
 * chat platform in it. A newer snapshot of the same run replaces an older one.
 *
 * @param runId the run's short id ({@code d-4k2p})
 * @param kind the pipeline's kind ({@code deploy}, {@code upgrade}, …)
 * @param title what the run does, in words ({@code Deploy web v1.2 → prod})
 * @param requester the Slack user id of who asked for it
 * @param state where the run stands
 * @param steps the pipeline's steps, in order
 * @param progress the latest progress note; empty when there is none
 * @param startedAt when the run was asked for
 * @param finishedAt when it ended, once it has
 * @param approvals the approvals it needs and has
 * @param cancelledBy the Slack user id of who cancelled it, if someone did
 * @param actions what can be done to it now
 * @param pausedBy the Slack user id of who paused it, while it is paused
 * @param question what the run asks, while it is paused waiting for an answer (its actions are then
 *     the answers)
 * @param heldBy what holds it while a freeze does ({@code the freeze weekend}); its progress says
 *     until when
 */
public record RunCard(
    String runId,
    String kind,
    String title,
    String requester,
    RunState state,
    List<StepLine> steps,
    String progress,
    Instant startedAt,
    Optional<Instant> finishedAt,
    Approvals approvals,
    Optional<String> cancelledBy,
    List<RunAction> actions,
    Optional<String> pausedBy,
    Optional<String> question,
    Optional<String> heldBy) {

  public RunCard {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(approvals, "approvals");
    Objects.requireNonNull(cancelledBy, "cancelledBy");
    Objects.requireNonNull(pausedBy, "pausedBy");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(heldBy, "heldBy");
    steps = List.copyOf(steps);
    actions = List.copyOf(actions);
  }

  /**
   * The record's own text, with {@code heldBy} only when there is a hold: the renderer's revision
   * hashes this text, and a card without a hold keeps the revision it had before holds existed.
   */
  @Override
  public String toString() {
    return "RunCard[runId="
        + runId
        + ", kind="
        + kind
        + ", title="
        + title
        + ", requester="
        + requester
        + ", state="
        + state
        + ", steps="
        + steps
        + ", progress="
        + progress
        + ", startedAt="
        + startedAt
        + ", finishedAt="
        + finishedAt
        + ", approvals="
        + approvals
        + ", cancelledBy="
        + cancelledBy
        + ", actions="
        + actions
        + ", pausedBy="
        + pausedBy
        + ", question="
        + question
        + heldBy.map(h -> ", heldBy=" + h).orElse("")
        + "]";
  }

  /** How long the run took, or has been going so far by {@code clock}. */
  public Duration elapsed(Clock clock) {
    Duration elapsed = Duration.between(startedAt, finishedAt.orElseGet(clock::instant));
    return elapsed.isNegative() ? Duration.ZERO : elapsed;
  }

  public static Builder builder(String runId, String kind, String title, String requester) {
    return new Builder(runId, kind, title, requester);
  }

  /** Builds a card field by field: most runs leave most fields at their defaults. */
  public static final class Builder {
    private final String runId;
    private final String kind;
    private final String title;
    private final String requester;
    private RunState state = RunState.PENDING;
    private final List<StepLine> steps = new ArrayList<>();
    private String progress = "";
    private Instant startedAt = Instant.EPOCH;
    private Instant finishedAt;
    private Approvals approvals = Approvals.NONE;
    private String cancelledBy;
    private String pausedBy;
    private String question;
    private String heldBy;
    private final List<RunAction> actions = new ArrayList<>();

    private Builder(String runId, String kind, String title, String requester) {
      this.runId = runId;
      this.kind = kind;
      this.title = title;
      this.requester = requester;
    }

    public Builder state(RunState state) {
      this.state = state;
      return this;
    }

    public Builder step(String name, StepStatus status, String detail) {
      steps.add(new StepLine(name, status, detail));
      return this;
    }

    public Builder step(String name, StepStatus status) {
      return step(name, status, "");
    }

    public Builder steps(List<StepLine> lines) {
      steps.addAll(lines);
      return this;
    }

    public Builder progress(String progress) {
      this.progress = progress;
      return this;
    }

    public Builder startedAt(Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    public Builder finishedAt(Instant finishedAt) {
      this.finishedAt = finishedAt;
      return this;
    }

    public Builder approvals(int required, List<String> approvedBy) {
      this.approvals = new Approvals(required, approvedBy);
      return this;
    }

    public Builder cancelledBy(String userId) {
      this.cancelledBy = userId;
      return this;
    }

    public Builder question(String text) {
      this.question = text;
      return this;
    }

    /** Paused by the in-flight rule: {@code what} holds it ({@code the freeze weekend}). */
    public Builder heldBy(String what) {
      this.heldBy = what;
      return this;
    }

    public Builder pausedBy(String userId) {
      this.pausedBy = userId;
      return this;
    }

    public Builder action(RunActionKind kind) {
      actions.add(RunAction.of(kind));
      return this;
    }

    public Builder confirmedAction(RunActionKind kind) {
      actions.add(RunAction.confirmed(kind));
      return this;
    }

    public Builder action(RunAction action) {
      actions.add(action);
      return this;
    }

    public RunCard build() {
      return new RunCard(
          runId,
          kind,
          title,
          requester,
          state,
          steps,
          progress,
          startedAt,
          Optional.ofNullable(finishedAt),
          approvals,
          Optional.ofNullable(cancelledBy),
          actions,
          Optional.ofNullable(pausedBy),
          Optional.ofNullable(question),
          Optional.ofNullable(heldBy));
    }
  }
}
