package dev.shipmate.bot.preview;

import dev.shipmate.bot.dispatch.FreezeWords;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.StartResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub deliveries that arrived while their preview was busy with another run (a push while the
 * previous push is still being deployed): the run is started once the lock is free, tried every
 * {@link #RETRY} for up to {@link #PATIENCE}. Only the latest delivery per pull request is kept — a
 * newer push, or the close, replaces an older one — so the preview ends as the pull request last
 * stood. Kept in memory: a restart forgets them (the next push or {@code /env up} catches up).
 */
final class DeferredStarts implements AutoCloseable {
  static final Duration RETRY = Duration.ofSeconds(5);
  static final Duration PATIENCE = Duration.ofMinutes(30);

  private static final Logger log = LoggerFactory.getLogger(DeferredStarts.class);

  private final Engine engine;
  private final ScheduledExecutorService executor;

  // Guarded by this: the latest deferred request per pull request.
  private final Map<Integer, Deferred> latest = new HashMap<>();

  private record Deferred(StartRequest request, long tries) {}

  /**
   * @param executor where the tries are scheduled; shut down by its owner, the bot
   */
  DeferredStarts(Engine engine, ScheduledExecutorService executor) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /** Starts {@code request} for pull request {@code pr} once its preview is free. */
  void defer(int pr, StartRequest request) {
    Deferred deferred = new Deferred(request, 0);
    synchronized (this) {
      latest.put(pr, deferred);
    }
    schedule(pr, deferred);
  }

  private void schedule(int pr, Deferred deferred) {
    try {
      executor.schedule(() -> attempt(pr, deferred), RETRY.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      log.warn("Shipmate is stopping: the deferred run for pr-{} is dropped", pr);
    }
  }

  private void attempt(int pr, Deferred deferred) {
    synchronized (this) {
      if (latest.get(pr) != deferred) {
        return; // a newer delivery replaced it
      }
    }
    StartResult result;
    try {
      result = engine.start(deferred.request());
    } catch (RuntimeException e) {
      log.warn("the deferred run for pr-{} could not start", pr, e);
      forget(pr, deferred);
      return;
    }
    if (result instanceof StartResult.Started started) {
      log.info("pr-{} was free again: started {}", pr, started.run().id());
      forget(pr, deferred);
      return;
    }
    if (result instanceof StartResult.Invalid invalid) {
      log.warn(
          "the deferred run for pr-{} is dropped: {}", pr, String.join(" ", invalid.problems()));
      forget(pr, deferred);
      return;
    }
    if (result instanceof StartResult.Frozen frozen) {
      log.warn(
          "the deferred run for pr-{} is dropped: {}",
          pr,
          FreezeWords.describe(frozen.freezes().get(0)));
      forget(pr, deferred);
      return;
    }
    Deferred next = new Deferred(deferred.request(), deferred.tries() + 1);
    if (RETRY.multipliedBy(next.tries()).compareTo(PATIENCE) >= 0) {
      log.warn(
          "pr-{} stayed busy for {}: the deferred run is dropped ({})",
          pr,
          PATIENCE,
          ((StartResult.Refused) result).userMessage());
      forget(pr, deferred);
      return;
    }
    synchronized (this) {
      if (latest.get(pr) != deferred) {
        return;
      }
      latest.put(pr, next);
    }
    schedule(pr, next);
  }

  private synchronized void forget(int pr, Deferred deferred) {
    latest.remove(pr, deferred);
  }

  /** Forgets what is waiting: a restart forgets it too (the next push catches up). */
  @Override
  public synchronized void close() {
    latest.clear();
  }
}
