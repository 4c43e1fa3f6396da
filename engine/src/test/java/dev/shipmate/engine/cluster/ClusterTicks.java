package dev.shipmate.engine.cluster;

import dev.shipmate.engine.recurring.RecurringJob;
import dev.shipmate.engine.recurring.Schedule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.MDC;

/**
 * The recurring job of the cluster test: every {@link #INTERVAL}, a row in {@code cluster_ticks}
 * saying which replica ran which firing (the time it was scheduled for) from when to when. It takes
 * a while, so that two executions at once would overlap.
 */
final class ClusterTicks {
  static final String NAME = "cluster-tick";
  static final Duration INTERVAL = Duration.ofMillis(1500);
  static final Duration WORK = Duration.ofMillis(300);

  static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS cluster_ticks (
        node VARCHAR(20) NOT NULL, scheduled_for TIMESTAMP WITH TIME ZONE NOT NULL,
        started_at TIMESTAMP WITH TIME ZONE NOT NULL, ended_at TIMESTAMP WITH TIME ZONE NOT NULL)
      """;

  private ClusterTicks() {}

  static RecurringJob job(DataSource effects, String node) {
    return new RecurringJob(NAME, Schedule.every(INTERVAL), () -> tick(effects, node));
  }

  private static void tick(DataSource effects, String node) {
    Instant scheduledFor = Instant.parse(MDC.get(RecurringJob.LOG_SCHEDULED_FOR));
    Instant started = Instant.now();
    try {
      Thread.sleep(WORK.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try (Connection c = effects.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO cluster_ticks (node, scheduled_for, started_at, ended_at)"
                    + " VALUES (?, ?, ?, ?)")) {
      s.setString(1, node);
      s.setTimestamp(2, Timestamp.from(scheduledFor));
      s.setTimestamp(3, Timestamp.from(started));
      s.setTimestamp(4, Timestamp.from(Instant.now()));
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record a tick", e);
    }
  }
}
