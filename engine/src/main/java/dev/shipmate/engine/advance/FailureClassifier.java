package dev.shipmate.engine.advance;

import dev.shipmate.engine.pipeline.ExceptionClassifier;
import dev.shipmate.engine.pipeline.StepException;
import dev.shipmate.engine.run.Failure;
import dev.shipmate.engine.run.FailureKind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.SocketTimeoutException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where an exception thrown by a step becomes a failure: transient, permanent, user,
 * timeout or cancelled, with a message fit for a user. Exception texts never reach that message; an
 * unexpected exception is logged with a reference, and the user sees the reference.
 */
public final class FailureClassifier {
  private static final Logger log = LoggerFactory.getLogger(FailureClassifier.class);

  private final List<ExceptionClassifier> pipelineClassifiers;

  public FailureClassifier(List<ExceptionClassifier> pipelineClassifiers) {
    this.pipelineClassifiers = List.copyOf(pipelineClassifiers);
  }

  public Failure classify(Throwable thrown, String runId, String step) {
    Throwable cause = unwrap(thrown);
    if (cause instanceof StepException known) {
      log.info("run {} step {}: {}", runId, step, known.failure().message());
      return known.failure();
    }
    for (ExceptionClassifier classifier : pipelineClassifiers) {
      Optional<Failure> failure = classifier.classify(cause);
      if (failure.isPresent()) {
        log.warn("run {} step {}: {}", runId, step, failure.get().message(), cause);
        return failure.get();
      }
    }
    Optional<Failure> builtIn = builtIn(cause);
    if (builtIn.isPresent()) {
      log.warn("run {} step {}: {}", runId, step, builtIn.get().message(), cause);
      return builtIn.get();
    }
    String ref = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);
    log.error("run {} step {} failed unexpectedly (ref {})", runId, step, ref, cause);
    return Failure.of(
        FailureKind.PERMANENT,
        "internal error in " + step + " (ref " + ref + "); the details are in Shipmate's log");
  }

  private static Optional<Failure> builtIn(Throwable cause) {
    String what = cause.getClass().getSimpleName();
    if (cause instanceof InterruptedException
        || (cause instanceof InterruptedIOException
            && !(cause instanceof SocketTimeoutException))) {
      Thread.currentThread().interrupt();
      return Optional.of(Failure.transientFailure("interrupted while Shipmate was stopping"));
    }
    if (cause instanceof IOException) {
      return Optional.of(Failure.transientFailure("a network call failed (" + what + ")"));
    }
    if (cause instanceof TimeoutException) {
      return Optional.of(Failure.transientFailure("a call timed out"));
    }
    if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
      return Optional.of(Failure.transientFailure("a database call failed (" + what + ")"));
    }
    return Optional.empty();
  }

  private static Throwable unwrap(Throwable thrown) {
    Throwable current = thrown;
    for (int depth = 0; depth < 10; depth++) {
      boolean wrapper =
          current instanceof ExecutionException
              || current instanceof CompletionException
              || current instanceof InvocationTargetException
              || current instanceof UncheckedIOException;
      if (!wrapper || current.getCause() == null) {
        return current;
      }
      current = current.getCause();
    }
    return current;
  }
}
