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
    try {
      executor.execute(() -> replies.tell(channelId, userId, answer(later.answer(), later.what())));
    } catch (RejectedExecutionException stoppingOrFull) {
      return "Shipmate is stopping or too busy, so it cannot "
          + later.what()
          + " now; nothing was changed. Try again in a minute.";
    }
    return later.ack();
  }

  /** The answer, or what went wrong, in words for the person who asked. */
  String answer(Supplier<String> answer, String what) {
    try {
      return answer.get();
    } catch (RefusedException refused) {
      List<String> problems = refused.problems();
      return problems.size() == 1
          ? "Cannot " + what + ": " + problems.get(0)
          : "Cannot " + what + ":\n- " + String.join("\n- ", problems);
    } catch (RuntimeException e) {
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
