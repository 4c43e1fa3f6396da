package dev.shipmate.bot.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's own threads, apart from the engine's (Quartz) and the HTTP server's: made here, named,
 * bounded, and stopped in one place. A task that finds a pool full or stopping is refused ({@link
 * java.util.concurrent.RejectedExecutionException}); whoever submitted it says so to the person.
 */
public final class BotExecutors implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BotExecutors.class);

  /** How long a stop waits for the last card updates, replies and notes to reach Slack. */
  static final Duration DRAIN = Duration.ofSeconds(3);

  /** Work waiting beyond this is refused rather than queued for minutes. */
  static final int QUEUE = 500;

  private final ExecutorService work;
  private final ExecutorService slack;
  private final ScheduledThreadPoolExecutor publishing;
  private final ExecutorService urgent;
  private final List<ExecutorService> all = new ArrayList<>();

  public BotExecutors() {
    this.work = pool("shipmate-work", 2);
    this.slack = pool("shipmate-slack", 2);
    this.publishing = scheduled("shipmate-card-publisher", 2);
    this.urgent = pool("shipmate-urgent", 2);
  }

  /**
   * Slack calls that must go out within seconds of the ack (a modal's {@code views.open}, whose
   * trigger id expires after 3 s): never queued behind replies, notes or slow reads.
   */
  public ExecutorService urgent() {
    return urgent;
  }

  /**
   * Slow answers worked out after the ack: reading a cluster or Route53 for a dry run or a status,
   * a drift report, a deferred preview start.
   */
  public ExecutorService work() {
    return work;
  }

  /** Calls to Slack's Web API that do not belong to a run card: replies, thread notes, App Home. */
  public ExecutorService slack() {
    return slack;
  }

  /** The run cards' publisher: coalesced updates, retries after a rate limit. */
  public ScheduledExecutorService publishing() {
    return publishing;
  }

  /** A single named thread for work that is scheduled for later (a deferred start). */
  public ScheduledExecutorService scheduled(String name) {
    return scheduled(name, 1);
  }

  private ExecutorService pool(String name, int threads) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            factory(name),
            new ThreadPoolExecutor.AbortPolicy());
    all.add(pool);
    return pool;
  }

  private ScheduledThreadPoolExecutor scheduled(String name, int threads) {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads, factory(name));
    // On stop, what is due now still goes; waits for later (backoffs, rate limits) are dropped.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
    all.add(executor);
    return executor;
  }

  private static ThreadFactory factory(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Lets what is queued finish for a few seconds, then stops every pool. */
  @Override
  public void close() {
    all.forEach(ExecutorService::shutdown);
    long deadline = System.nanoTime() + DRAIN.toNanos();
    for (ExecutorService executor : all) {
      try {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !executor.awaitTermination(left, TimeUnit.NANOSECONDS)) {
          executor.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        executor.shutdownNow();
      }
    }
    log.debug("the bot's executors are stopped");
  }
}
