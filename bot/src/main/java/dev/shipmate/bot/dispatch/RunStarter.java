package dev.shipmate.bot.dispatch;

import dev.shipmate.bot.auth.Authorizer;
import dev.shipmate.bot.auth.Decision;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.StartResult;
import dev.shipmate.engine.freeze.ActiveFreeze;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.Run;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts the run a command or a button asks for, the same way for every pipeline: who may (the
 * guard's list), how many approvals (the guard's policy), whether the pipeline takes the
 * parameters, whether the target is free; and words the answer.
 */
public final class RunStarter {

  /** How every answer that started nothing begins. */
  public static final String NOT_STARTED = "Nothing was started: ";

  /** What came of it. */
  public sealed interface Outcome {
    /** The answer for who asked. */
    String text();

    Subject subject();

    /**
     * @param channel where the run's card goes
     */
    record Started(Run run, String channel, String text) implements Outcome {
      @Override
      public Subject subject() {
        return Subject.of(run.target(), run.id());
      }
    }

    record NotStarted(String text, Subject subject) implements Outcome {}
  }

  private final Engine engine;
  private final Authorizer authorizer;

  public RunStarter(Engine engine, Authorizer authorizer) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
  }

  /**
   * Why the requester may not start {@code start} at all (the guard's list), worded for them; empty
   * when they may, or when it has no guard.
   */
  Optional<String> notAllowed(Reply.Start start) {
    if (start.guard().isEmpty()) {
      return Optional.empty();
    }
    Decision decision =
        authorizer.mayStart(start.request().requester(), start.guard().get(), start.verb());
    return decision instanceof Decision.Refused refused
        ? Optional.of("Nothing was started. " + refused.rule())
        : Optional.empty();
  }

  /** The answer when the pipeline does not take the parameters. */
  static String invalid(List<String> problems) {
    return NOT_STARTED + String.join(" ", problems);
  }

  /** The answer when freezes in force stop the run. */
  static String frozen(List<ActiveFreeze> freezes, Reply.Start start) {
    return NOT_STARTED + FreezeWords.refusal(freezes, start);
  }

  public Outcome start(Reply.Start start) {
    Optional<String> notAllowed = notAllowed(start);
    if (notAllowed.isPresent()) {
      return new Outcome.NotStarted(notAllowed.get(), Subject.NONE);
    }
    StartRequest request = start.request();
    if (start.guard().isPresent()) {
      request = request.approvals(start.guard().get().policy().approvals());
      if (start.guard().get().policy().queue()) {
        request = request.queue(true); // queue: true on the target, as if typed with --queue
      }
    }
    StartResult result = engine.start(request);
    if (result instanceof StartResult.Invalid invalid) {
      // The pipeline checks what the grammar cannot (a service's Deployments, a cluster Shipmate
      // does not upgrade) before anything is written.
      return new Outcome.NotStarted(invalid(invalid.problems()), Subject.NONE);
    }
    if (result instanceof StartResult.Frozen frozen) {
      return new Outcome.NotStarted(frozen(frozen.freezes(), start), Subject.NONE);
    }
    if (result instanceof StartResult.Refused refused) {
      return new Outcome.NotStarted(
          NOT_STARTED
              + refused.userMessage()
              + start.whenBusy().map(h -> " " + h).orElse("")
              + start.queueLine().map(QueueWords::instead).orElse(""),
          Subject.of(refused.holder().key()));
    }
    String channel = request.replyTo().map(ReplyAddress::channel).orElse("");
    if (result instanceof StartResult.Queued queued) {
      return new Outcome.Started(queued.run(), channel, QueueWords.queued(queued.place(), channel));
    }
    Run run = ((StartResult.Started) result).run();
    String text = started(run, channel, start);
    if (request.breakGlass().isPresent() && engine.breakGlassOf(run.id()).isPresent()) {
      text += " " + FreezeWords.BREAK_GLASS_STARTED;
    }
    return new Outcome.Started(run, channel, text);
  }

  /**
   * {@code Started d-4k2p: deploy web v1.2 to prod — its card is being posted in <#C0PROD>. It
   * waits for 1 approval from someone else before it begins.} The card does not exist yet: its link
   * follows ({@link CardLinks}).
   */
  private static String started(Run run, String channel, Reply.Start start) {
    StringBuilder text =
        new StringBuilder("Started ").append(run.id()).append(": ").append(run.summary());
    if (!channel.isEmpty()) {
      text.append(" — its card is being posted in <#").append(channel).append(">");
    }
    text.append('.');
    start.note().ifPresent(note -> text.append(' ').append(note));
    int approvals = run.approvalsRequired();
    if (approvals > 0) {
      text.append(" It waits for ")
          .append(approvals)
          .append(approvals == 1 ? " approval" : " approvals")
          .append(" from someone else before it begins.");
    }
    return text.toString();
  }
}
