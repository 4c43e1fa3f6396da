package dev.shipmate.bot.dispatch;

import dev.shipmate.commands.Command;
import dev.shipmate.commands.ParseResult;
import dev.shipmate.engine.Engine;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns what the grammar made of a command into the answer for who typed it, the same way for every
 * command: a second delivery of a command that changes things is recognised, the handler answers
 * with a {@link Reply}, a run is started through the {@link RunStarter}, slow answers follow off
 * the ack's thread ({@link FollowUps}), and every command gets one line in the audit ledger with
 * what came of it. Answers that only read are limited per person ({@link ReadLimiter}). Nothing
 * here waits on Kubernetes, AWS or Slack, so the ack is never late.
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
      ReadLimiter reads) {
    this.reads = Objects.requireNonNull(reads, "reads");
    this.handlers = Objects.requireNonNull(handlers, "handlers");
    if (!handlers.missing().isEmpty()) {
      throw new IllegalStateException("no handler for " + String.join(", ", handlers.missing()));
    }
    this.engine = Objects.requireNonNull(engine, "engine");
    this.starter = Objects.requireNonNull(starter, "starter");
    this.followUps = Objects.requireNonNull(followUps, "followUps");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /**
   * What to answer the person who typed the command; only to them. A handler that throws is
   * answered with a reference to the log line, never with an exception.
   */
  public String dispatch(ParseResult result, CommandOrigin origin) {
    try {
      return answer(result, origin);
    } catch (RuntimeException failure) {
      String text = HandlerFailures.answer("answer " + origin.typed(), origin.userId(), failure);
      try {
        audit.record(origin.userId(), Subject.NONE, origin.typed(), "failed: " + text);
      } catch (RuntimeException auditFailed) {
        failure.addSuppressed(auditFailed);
      }
      return text;
    }
  }

  private String answer(ParseResult result, CommandOrigin origin) {
    if (result instanceof ParseResult.Rejected rejected) {
      audit.record(origin.userId(), Subject.NONE, origin.typed(), "not understood");
      return rejected.render();
    }
    Command command = ((ParseResult.Parsed) result).command();
    CommandHandlers.Entry entry =
        handlers
            .find(command)
            .orElseThrow(() -> new IllegalStateException("no handler for " + command));
    if (entry.changesThings()
        && origin.requestKey().isPresent()
        && !engine.claimRequest(origin.requestKey().get())) {
      return DUPLICATE;
    }
    return reply(entry.handler().handle(command, origin), origin, false);
  }

  /**
   * Does what {@code reply} says and words it for who asked, with its audit line.
   *
   * @param offThread whether this already runs after the ack (a {@link Reply.Deferred}'s reply):
   *     then a {@link Reply.Later} is worked out here instead of handed on
   */
  private String reply(Reply reply, CommandOrigin origin, boolean offThread) {
    String user = origin.userId();
    String typed = origin.typed();
    return reply.match(
        new Reply.Cases<String>() {
          @Override
          public String answer(Reply.Answer answer) {
            Optional<String> limited = offThread ? Optional.empty() : reads.take(user);
            if (limited.isPresent()) {
              audit.record(user, answer.subject(), typed, "refused: over the read limit");
              return limited.get();
            }
            audit.record(user, answer.subject(), typed, "answered");
            return answer.text();
          }

          @Override
          public String refusal(Reply.Refusal refusal) {
            audit.record(user, refusal.subject(), typed, "refused: " + refusal.text());
            return refusal.text();
          }

          @Override
          public String later(Reply.Later later) {
            // Refused before the slow read starts: that is what the limit spares.
            Optional<String> limited = offThread ? Optional.empty() : reads.take(user);
            if (limited.isPresent()) {
              audit.record(user, Subject.NONE, typed, "refused: over the read limit");
              return limited.get();
            }
            audit.record(user, Subject.NONE, typed, "the answer follows privately");
            return offThread
                ? followUps.answer(later.answer(), later.what())
                : followUps.follow(later, origin.channelId(), user, origin.replyUrl());
          }

          @Override
          public String deferred(Reply.Deferred deferred) {
            Reply.Later worked =
                new Reply.Later(
                    deferred.ack(),
                    () -> CommandDispatcher.this.reply(decide(deferred, user, typed), origin, true),
                    deferred.what());
            return offThread
                ? followUps.answer(worked.answer(), worked.what())
                : followUps.follow(worked, origin.channelId(), user, origin.replyUrl());
          }

          @Override
          public String start(Reply.Start start) {
            RunStarter.Outcome outcome = starter.start(start);
            audit.record(user, outcome.subject(), typed, outcomeWords(outcome));
            return outcome.text();
          }
        });
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
