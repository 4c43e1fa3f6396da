package dev.shipmate.bot.dispatch;

import dev.shipmate.bot.auth.Guard;
import dev.shipmate.config.Principal;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.StartPlan;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.run.LockHolder;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Works out what the requester of a run on a {@code confirm: true} target is asked to confirm, from
 * the database alone (the rules, the lock): fast enough for the ack. What would refuse the run
 * anyway — who may not start it, parameters the pipeline does not take — is answered at once
 * instead, as the start would answer it; a busy target is shown, since it may be free by the time
 * the requester confirms.
 */
final class Confirmations {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** What came of asking: a confirmation to show, or why nothing will start. */
  sealed interface Asked {
    record Show(Confirmation confirmation, Subject subject) implements Asked {}

    record Refused(String text) implements Asked {}
  }

  private final Engine engine;
  private final RunStarter starter;

  Confirmations(Engine engine, RunStarter starter) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.starter = Objects.requireNonNull(starter, "starter");
  }

  /** Whether {@code start} waits for its requester's confirmation first. */
  static boolean wanted(Reply.Start start) {
    return start.guard().map(guard -> guard.policy().confirm()).orElse(false);
  }

  Asked ask(Reply.Start start, Optional<Supplier<String>> currently, CommandOrigin origin) {
    StartRequest request = start.request();
    Guard guard = start.guard().orElseThrow();
    // Refused now, as the start would be: no modal for what cannot start.
    Optional<String> notAllowed = starter.notAllowed(start);
    if (notAllowed.isPresent()) {
      return new Asked.Refused(notAllowed.get());
    }
    StartPlan plan = engine.plan(request);
    if (!plan.problems().isEmpty()) {
      return new Asked.Refused(RunStarter.invalid(plan.problems()));
    }
    boolean breakingGlass = !plan.frozen().isEmpty() && request.breakGlass().isPresent();
    boolean queues = request.queue() || guard.policy().queue();
    if (!plan.frozen().isEmpty() && !breakingGlass && !queues) {
      return new Asked.Refused(RunStarter.frozen(plan.frozen(), start));
    }
    List<String> facts = new ArrayList<>();
    if (!plan.frozen().isEmpty() && !breakingGlass) {
      facts.add(
          "It is queued: "
              + FreezeWords.describe(plan.frozen().get(0))
              + ", and it starts by itself when that ends.");
    }
    int approvals = guard.policy().approvals();
    if (breakingGlass) {
      facts.add(
          "It breaks the glass through a freeze ("
              + request.breakGlass().get()
              + "): it waits for an approval from someone else before it begins.");
    }
    if (approvals > 0) {
      facts.add(
          "It waits for "
              + approvals
              + (approvals == 1 ? " approval" : " approvals")
              + " from "
              + approvers(guard.policy().effectiveApprovers())
              + " before it begins.");
    } else {
      facts.add("It begins at once: " + guard.name() + " needs no approval.");
    }
    String target = plan.target().map(Object::toString).orElse(guard.name());
    facts.add(
        plan.holder()
            .map(holder -> queues ? queuedBehind(holder) : busy(holder))
            .orElse(target + " is free: nothing else holds it."));
    Confirmation confirmation =
        new Confirmation(
            plan.summary(),
            start.verb(),
            facts,
            currently,
            new Confirmation.Replay(
                origin.typed(), origin.userId(), origin.channelId(), origin.replyUrl()));
    return new Asked.Show(confirmation, plan.target().map(Subject::of).orElse(Subject.NONE));
  }

  private String busy(LockHolder holder) {
    return holder.key()
        + " is busy: run "
        + holder.runId()
        + ", started by <@"
        + holder.holder()
        + "> at "
        + TIME.format(holder.since())
        + ", holds it. Confirming is refused until it is over (or /cancel "
        + holder.runId()
        + ").";
  }

  private String queuedBehind(LockHolder holder) {
    return holder.key()
        + " is busy: run "
        + holder.runId()
        + ", started by <@"
        + holder.holder()
        + "> at "
        + TIME.format(holder.since())
        + ", holds it. Confirming queues this run: it starts by itself when its turn comes.";
  }

  private static String approvers(List<Principal> approvers) {
    return approvers.isEmpty()
        ? "someone other than you"
        : approvers.stream().map(Principal::text).collect(Collectors.joining(", "))
            + " (someone other than you)";
  }
}
