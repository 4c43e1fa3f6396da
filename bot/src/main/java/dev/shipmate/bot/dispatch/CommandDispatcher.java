package dev.shipmate.bot.dispatch;

import dev.shipmate.commands.Command;
import dev.shipmate.commands.ParseResult;
import dev.shipmate.engine.Engine;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns what the grammar made of a command into the answer for who typed it, the same way for every
 * command: a second delivery of a command that changes things is recognised, the handler answers
 * with a {@link Reply}, a run is started through the {@link RunStarter}, slow answers follow off
 * the ack's thread ({@link FollowUps}), and every command gets one line in the audit ledger with
 * what came of it. Answers that only read are limited per person ({@link ReadLimiter}). Nothing
 * here waits on Kubernetes, AWS or Slack, so the ack is never late; a started run's card is linked
 * for its requester once it exists ({@link CardLinks}).
 *
 * <p>A run whose target says {@code confirm: true} is not started by its command: the answer is a
 * {@link Confirmation} for the platform to show, and the run starts when its requester confirms
 * ({@link #confirmed}), on the rules of that moment; closing it starts nothing ({@link
 * #notConfirmed}).
 */
public final class CommandDispatcher {

  static final String DUPLICATE =
      "Shipmate already received this command (Slack delivered it again), so nothing new was"
          + " started. /runs shows what is running.";

  private final CommandHandlers handlers;
  private final Engine engine;
  private final RunStarter starter;
  private final FollowUps followUps;
  private final AuditLog audit;
  private final ReadLimiter reads;
  private final Confirmations confirmations;
  private final CardLinks cardLinks;

  /**
   * @throws IllegalStateException when a command of the grammar has no handler: a build that could
   *     not answer it is not started
   */
  public CommandDispatcher(
      CommandHandlers handlers,
      Engine engine,
      RunStarter starter,
      FollowUps followUps,
      AuditLog audit,
      ReadLimiter reads,
      CardLinks cardLinks) {
    this.reads = Objects.requireNonNull(reads, "reads");
    this.handlers = Objects.requireNonNull(handlers, "handlers");
    if (!handlers.missing().isEmpty()) {
      throw new IllegalStateException("no handler for " + String.join(", ", handlers.missing()));
    }
    this.engine = Objects.requireNonNull(engine, "engine");
    this.starter = Objects.requireNonNull(starter, "starter");
    this.followUps = Objects.requireNonNull(followUps, "followUps");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.confirmations = new Confirmations(engine, starter);
    this.cardLinks = Objects.requireNonNull(cardLinks, "cardLinks");
  }

  /**
   * What to answer the person who typed the command; only to them. A handler that throws is
   * answered with a reference to the log line, never with an exception.
   */
  public CommandAnswer dispatch(ParseResult result, CommandOrigin origin) {
    try {
      return answer(result, origin);
    } catch (RuntimeException failure) {
      String text = HandlerFailures.answer("answer " + origin.typed(), origin.userId(), failure);
      try {
        audit.record(origin.userId(), Subject.NONE, origin.typed(), "failed: " + text);
      } catch (RuntimeException auditFailed) {
        failure.addSuppressed(auditFailed);
      }
      return CommandAnswer.text(text);
    }
  }

  static final String NOT_THEIRS =
      "Nothing was started: only the person who typed a command can confirm it, and <@%s> typed"
          + " %s.";

  /**
   * The confirmation of {@code replay} was submitted by {@code submitter}: the command runs again,
   * its guard checked again (permissions may have changed since it was shown), and its run starts
   * unless something refuses it now.
   *
   * @param result what the grammar makes of {@code replay}'s command now
   * @param requestKey what identifies this submission: a second one of the same confirmation starts
   *     nothing
   * @return what to tell the submitter, privately
   */
  public String confirmed(
      ParseResult result,
      Confirmation.Replay replay,
      String submitter,
      Optional<String> requestKey) {
    if (!submitter.equals(replay.userId())) {
      String text = String.format(NOT_THEIRS, replay.userId(), replay.typed());
      audit.record(submitter, Subject.NONE, replay.typed(), "refused: " + text);
      return text;
    }
    CommandOrigin origin =
        new CommandOrigin(
            replay.userId(),
            replay.channelId(),
            replay.typed(),
            requestKey,
            replay.replyUrl(),
            CommandOrigin.Confirming.CONFIRMED);
    return dispatch(result, origin).text();
  }

  /**
   * The confirmation of {@code replay} was closed without submitting it: nothing starts, and the
   * ledger says so.
   *
   * @return what to tell who closed it, privately
   */
  public String notConfirmed(Confirmation.Replay replay, String closer) {
    String text =
        RunStarter.NOT_STARTED + "you cancelled the confirmation of " + replay.typed() + ".";
    audit.record(closer, Subject.NONE, replay.typed(), "not confirmed: cancelled");
    return text;
  }

  private CommandAnswer answer(ParseResult result, CommandOrigin origin) {
    if (result instanceof ParseResult.Rejected rejected) {
      audit.record(origin.userId(), Subject.NONE, origin.typed(), "not understood");
      return CommandAnswer.text(rejected.render());
    }
    Command command = ((ParseResult.Parsed) result).command();
    CommandHandlers.Entry entry =
        handlers
            .find(command)
            .orElseThrow(() -> new IllegalStateException("no handler for " + command));
    if (entry.changesThings()
        && origin.requestKey().isPresent()
        && !engine.claimRequest(origin.requestKey().get())) {
      return CommandAnswer.text(DUPLICATE);
    }
    return reply(entry.handler().handle(command, origin), origin, false);
  }

  /**
   * Does what {@code reply} says and words it for who asked, with its audit line.
   *
   * @param offThread whether this already runs after the ack (a {@link Reply.Deferred}'s reply):
   *     then a {@link Reply.Later} is worked out here instead of handed on
   */
  /**
   * The refusal of a reading answer over the person's read limit, recorded; empty within it. An
   * answer worked out off the ack's thread was counted when it was asked for.
   */
  private Optional<CommandAnswer> overReadLimit(
      CommandOrigin origin, Subject subject, boolean offThread) {
    Optional<String> limited = offThread ? Optional.empty() : reads.take(origin.userId());
    limited.ifPresent(
        refusal ->
            audit.record(origin.userId(), subject, origin.typed(), "refused: over the read limit"));
    return limited.map(CommandAnswer::text);
  }

  /** A slow answer: followed up off the ack's thread, or worked out here when already off it. */
  private CommandAnswer follow(Reply.Later later, CommandOrigin origin, boolean offThread) {
    return CommandAnswer.text(
        offThread
            ? followUps.answer(later.answer(), later.what())
            : followUps.follow(later, origin.channelId(), origin.userId(), origin.replyUrl()));
  }

  private CommandAnswer reply(Reply reply, CommandOrigin origin, boolean offThread) {
    String user = origin.userId();
    String typed = origin.typed();
    return reply.match(
        new Reply.Cases<CommandAnswer>() {
          @Override
          public CommandAnswer answer(Reply.Answer answer) {
            Optional<CommandAnswer> limited = overReadLimit(origin, answer.subject(), offThread);
            if (limited.isPresent()) {
              return limited.get();
            }
            audit.record(user, answer.subject(), typed, "answered");
            return CommandAnswer.text(answer.text());
          }

          @Override
          public CommandAnswer refusal(Reply.Refusal refusal) {
            audit.record(user, refusal.subject(), typed, "refused: " + refusal.text());
            return CommandAnswer.text(refusal.text());
          }

          @Override
          public CommandAnswer later(Reply.Later later) {
            // Refused before the slow read starts: that is what the limit spares.
            Optional<CommandAnswer> limited = overReadLimit(origin, Subject.NONE, offThread);
            if (limited.isPresent()) {
              return limited.get();
            }
            audit.record(user, Subject.NONE, typed, "the answer follows privately");
            return follow(later, origin, offThread);
          }

          @Override
          public CommandAnswer deferred(Reply.Deferred deferred) {
            Reply.Later worked =
                new Reply.Later(
                    deferred.ack(),
                    () ->
                        CommandDispatcher.this
                            .reply(decide(deferred, user, typed), origin, true)
                            .text(),
                    deferred.what());
            return follow(worked, origin, offThread);
          }

          @Override
          public CommandAnswer start(Reply.Start start) {
            return startOrAsk(start, Optional.empty(), origin, offThread);
          }

          @Override
          public CommandAnswer confirm(Reply.Confirm confirm) {
            return startOrAsk(confirm.start(), Optional.of(confirm.currently()), origin, offThread);
          }
        });
  }

  /**
   * Starts the run, unless its target wants it confirmed and this is not the confirmation: then
   * asks for one where the platform can show it, and refuses where it cannot (never starts it
   * unconfirmed).
   */
  private CommandAnswer startOrAsk(
      Reply.Start start,
      Optional<Supplier<String>> currently,
      CommandOrigin origin,
      boolean offThread) {
    String user = origin.userId();
    String typed = origin.typed();
    if (Confirmations.wanted(start) && origin.confirming() != CommandOrigin.Confirming.CONFIRMED) {
      if (offThread || origin.confirming() == CommandOrigin.Confirming.CANNOT_ASK) {
        String text =
            RunStarter.NOT_STARTED
                + start.guard().orElseThrow().name()
                + " asks for a confirmation before a run starts, and it cannot be shown here."
                + " Type the command in Slack.";
        audit.record(user, Subject.NONE, typed, "refused: " + text);
        return CommandAnswer.text(text);
      }
      Confirmations.Asked asked = confirmations.ask(start, currently, origin);
      if (asked instanceof Confirmations.Asked.Refused refused) {
        audit.record(user, Subject.NONE, typed, "refused: " + refused.text());
        return CommandAnswer.text(refused.text());
      }
      Confirmations.Asked.Show show = (Confirmations.Asked.Show) asked;
      audit.record(user, show.subject(), typed, "asked to confirm");
      return CommandAnswer.confirm(show.confirmation());
    }
    RunStarter.Outcome outcome = starter.start(start);
    audit.record(user, outcome.subject(), typed, outcomeWords(outcome));
    if (outcome instanceof RunStarter.Outcome.Started started && !started.channel().isEmpty()) {
      // The answer goes before the card exists: the card's link follows once it does.
      cardLinks.tellWhenPosted(started.run().id().value(), origin);
    }
    return CommandAnswer.text(outcome.text());
  }

  /** The deferred reply; what kept it from being worked out still gets its audit line. */
  private Reply decide(Reply.Deferred deferred, String user, String typed) {
    try {
      return deferred.reply().get();
    } catch (RuntimeException e) {
      audit.record(user, Subject.NONE, typed, "failed: " + e.getClass().getSimpleName());
      throw e;
    }
  }

  static String outcomeWords(RunStarter.Outcome outcome) {
    return outcome instanceof RunStarter.Outcome.Started started
        ? "started " + started.run().id()
        : "refused: " + outcome.text();
  }
}
