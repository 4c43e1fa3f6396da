package dev.shipmate.bot.dispatch;

import dev.shipmate.engine.pipeline.ExceptionClassifier;
import dev.shipmate.engine.run.Failure;
import dev.shipmate.pipelines.refusal.RefusedException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers that take longer than an ack: worked out on the bot's work executor and told privately to
 * who asked. A failure is classified once, here, for every command: a pipeline's refusal is told as
 * it is, an error the pipelines' classifiers know is told in their words, anything else is "an
 * internal error" with a reference to the log line.
 */
public final class FollowUps {

  private static final Logger log = LoggerFactory.getLogger(FollowUps.class);

  private final Executor executor;
  private final PrivateReplies replies;
  private final List<ExceptionClassifier> classifiers;

  public FollowUps(
      Executor executor, PrivateReplies replies, List<ExceptionClassifier> classifiers) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.replies = Objects.requireNonNull(replies, "replies");
    this.classifiers = List.copyOf(classifiers);
  }

  /**
   * Works out {@code later}'s answer off this thread, then tells it to {@code userId}.
   *
   * @return what to answer now: the reply's ack, or why nothing will follow
   */
  public String follow(Reply.Later later, String channelId, String userId) {
    return follow(later, channelId, userId, Optional.empty());
  }

  /**
   * Works out {@code later}'s answer off this thread, then tells it to {@code userId}, through
   * {@code replyUrl} when the request came with one.
   *
   * @return what to answer now: the reply's ack, or why nothing will follow
   */
  public String follow(
      Reply.Later later, String channelId, String userId, Optional<String> replyUrl) {
    boolean queued =
        offThread(
            () -> replies.tell(channelId, userId, replyUrl, answer(later.answer(), later.what())));
    return queued ? later.ack() : tooBusy(later.what());
  }

  /**
   * Runs {@code work} on the work executor, off the ack's thread.
   *
   * @return false when it will not run: Shipmate is stopping or too busy
   */
  boolean offThread(Runnable work) {
    try {
      executor.execute(work);
      return true;
    } catch (RejectedExecutionException stoppingOrFull) {
      return false;
    }
  }

  /** Why nothing will follow when {@link #offThread} refused: for who asked. */
  static String tooBusy(String what) {
    return "Shipmate is stopping or too busy, so it cannot "
        + what
        + " now; nothing was changed. Try again in a minute.";
  }

  /** The answer, or what went wrong, in words for the person who asked. */
  String answer(Supplier<String> answer, String what) {
    try {
      return answer.get();
    } catch (RuntimeException e) {
      return failure(e, what);
    }
  }

  /** What went wrong while working out an answer, in words for the person who asked. */
  String failure(RuntimeException e, String what) {
    if (e instanceof RefusedException refused) {
      List<String> problems = refused.problems();
      return problems.size() == 1
          ? "Cannot " + what + ": " + problems.get(0)
          : "Cannot " + what + ":\n- " + String.join("\n- ", problems);
    }
    Optional<String> known = classify(e);
    if (known.isPresent()) {
      log.warn("could not {}: {}", what, e.toString());
      return "Could not "
          + what
          + ": "
          + sentence(known.get())
          + ". Nothing was changed; try again in a minute.";
    }
    String ref = Long.toString(System.nanoTime() & 0xfffffL, 36);
    log.warn("could not {} (ref {})", what, ref, e);
    return "Could not "
        + what
        + ": an internal error (ref "
        + ref
        + " in Shipmate's log). Nothing was changed; try again in a minute.";
  }

  private Optional<String> classify(RuntimeException e) {
    for (ExceptionClassifier classifier : classifiers) {
      Optional<Failure> failure = classifier.classify(e);
      if (failure.isPresent()) {
        return Optional.of(failure.get().message());
      }
    }
    return Optional.empty();
  }

  private static String sentence(String message) {
    String text = message.strip();
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }
}
