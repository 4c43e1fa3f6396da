package dev.shipmate.engine.wakeup;

import dev.shipmate.engine.recurring.RecurringJob;
import dev.shipmate.engine.recurring.RecurringJobs;
import dev.shipmate.engine.recurring.Schedule;
import dev.shipmate.engine.recurring.ScheduledJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Recurring jobs kept in this process, fired only when their owner says so, on the owner's thread:
 * what an engine built without Quartz ({@code Engine.builder}, in tests) keeps its recurring jobs
 * in. Nothing fires by itself and nothing survives the process; production uses Quartz.
 */
public final class InMemoryRecurringJobs implements RecurringJobs {
  private final Clock clock;
  private final Map<String, Entry> jobs = new TreeMap<>();

  private record Entry(RecurringJob job, Optional<Instant> next) {}

  public InMemoryRecurringJobs(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized void schedule(RecurringJob job) {
    Objects.requireNonNull(job, "job");
    Instant first = job.schedule().firstFiring(clock.instant());
    Entry existing = jobs.get(job.name());
    // As on Quartz: an unchanged schedule keeps its next firing.
    Optional<Instant> next =
        existing != null
                && existing.next().isPresent()
                && sameTimes(existing.job().schedule(), job.schedule())
            ? existing.next()
            : Optional.of(first);
    jobs.put(job.name(), new Entry(job, next));
  }

  private static boolean sameTimes(Schedule a, Schedule b) {
    if (a instanceof Schedule.Every x && b instanceof Schedule.Every y) {
      return x.interval().equals(y.interval());
    }
    return a.equals(b);
  }

  @Override
  public synchronized boolean unschedule(String name) {
    return jobs.remove(name) != null;
  }

  @Override
  public synchronized List<ScheduledJob> scheduled() {
    List<ScheduledJob> scheduled = new ArrayList<>();
    jobs.forEach((name, entry) -> scheduled.add(new ScheduledJob(name, entry.next(), true)));
    return scheduled;
  }

  @Override
  public void fireNow(String name) {
    fire(name);
  }

  /**
   * Runs {@code name}'s work now, as a firing scheduled for now: what it throws is logged, as on
   * Quartz. Its next firing stays where it was.
   *
   * @return whether the work finished without throwing
   * @throws IllegalArgumentException if no job of that name is scheduled
   */
  public boolean fire(String name) {
    RecurringJob job;
    Optional<Instant> next;
    synchronized (this) {
      Entry entry = jobs.get(name);
      if (entry == null) {
        throw new IllegalArgumentException(
            "no recurring job is named '" + name + "'; scheduled: " + jobs.keySet());
      }
      job = entry.job();
      next = entry.next();
    }
    return RecurringFiring.run(job, clock.instant(), next);
  }

  /**
   * Fires, once each, the jobs whose next firing is due by the clock, and moves each to its next
   * firing after now: firings missed meanwhile are skipped, as on Quartz. Answers how many fired.
   */
  public int fireDue() {
    Instant now = clock.instant();
    List<Runnable> firings = new ArrayList<>();
    synchronized (this) {
      jobs.replaceAll(
          (name, entry) -> {
            if (entry.next().isEmpty() || entry.next().get().isAfter(now)) {
              return entry;
            }
            Instant scheduledFor = entry.next().get();
            Optional<Instant> next = nextAfter(entry.job().schedule(), scheduledFor, now);
            firings.add(() -> RecurringFiring.run(entry.job(), scheduledFor, next));
            return new Entry(entry.job(), next);
          });
    }
    firings.forEach(Runnable::run);
    return firings.size();
  }

  private static Optional<Instant> nextAfter(Schedule schedule, Instant last, Instant now) {
    if (schedule instanceof Schedule.Cron cron) {
      return cron.nextAfter(now);
    }
    Duration interval = ((Schedule.Every) schedule).interval();
    long missed = Duration.between(last, now).toMillis() / interval.toMillis();
    return Optional.of(last.plus(interval.multipliedBy(missed + 1)));
  }
}
