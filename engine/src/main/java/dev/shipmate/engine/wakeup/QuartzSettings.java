package dev.shipmate.engine.wakeup;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Quartz on its JDBC job store, clustered.
 *
 * @param schedulerName shared by every replica on one database (it is Quartz's SCHED_NAME); two
 *     schedulers with one name in one JVM silently become one object
 * @param instanceId this replica's name in the cluster; empty means "local" on H2 (only one process
 *     can open an H2 file, and a stable id lets a restarted process recover its own jobs at once)
 *     and Quartz's AUTO (host name and time) on PostgreSQL
 * @param threadCount how many runs this replica advances at once
 * @param clusterCheckinInterval how often a replica tells the others it is alive; a replica that
 *     misses its check-ins (plus Quartz's fixed 7.5 s grace) has its jobs recovered by another
 * @param idleWaitTime how long an idle scheduler waits before looking for triggers that other
 *     replicas stored; triggers stored by this replica wake it at once
 * @param misfireThreshold how late a trigger may be before Quartz counts it as misfired. Ours fire
 *     anyway, so this only decides which path fires them; the misfire path handles 20 triggers per
 *     pass and is much slower, so a backlog should stay on the normal path: keep it long
 */
public record QuartzSettings(
    String schedulerName,
    Optional<String> instanceId,
    int threadCount,
    Duration clusterCheckinInterval,
    Duration idleWaitTime,
    Duration misfireThreshold) {

  public QuartzSettings {
    Objects.requireNonNull(schedulerName, "schedulerName");
    Objects.requireNonNull(instanceId, "instanceId");
    if (threadCount < 1) {
      throw new IllegalArgumentException("threadCount must be at least 1");
    }
    if (idleWaitTime.toMillis() < 1000) {
      throw new IllegalArgumentException("Quartz refuses an idleWaitTime under 1 s");
    }
  }

  public static QuartzSettings defaults() {
    return new QuartzSettings(
        "shipmate",
        Optional.empty(),
        4,
        Duration.ofSeconds(5),
        Duration.ofSeconds(2),
        Duration.ofSeconds(60));
  }

  public QuartzSettings withSchedulerName(String name) {
    return new QuartzSettings(
        name, instanceId, threadCount, clusterCheckinInterval, idleWaitTime, misfireThreshold);
  }

  public QuartzSettings withInstanceId(String id) {
    return new QuartzSettings(
        schedulerName,
        Optional.of(id),
        threadCount,
        clusterCheckinInterval,
        idleWaitTime,
        misfireThreshold);
  }

  public QuartzSettings withClusterCheckinInterval(Duration interval) {
    return new QuartzSettings(
        schedulerName, instanceId, threadCount, interval, idleWaitTime, misfireThreshold);
  }

  public QuartzSettings withIdleWaitTime(Duration wait) {
    return new QuartzSettings(
        schedulerName, instanceId, threadCount, clusterCheckinInterval, wait, misfireThreshold);
  }

  public QuartzSettings withThreadCount(int threads) {
    return new QuartzSettings(
        schedulerName, instanceId, threads, clusterCheckinInterval, idleWaitTime, misfireThreshold);
  }
}
