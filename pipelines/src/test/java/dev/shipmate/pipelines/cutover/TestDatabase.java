package dev.shipmate.pipelines.cutover;

import dev.shipmate.engine.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Empties the journal and Quartz's tables between tests: migrating costs more than deleting. */
final class TestDatabase {
  private TestDatabase() {}

  static void wipe(Database database) {
    List<String> tables =
        List.of(
            "run_events",
            "step_runs",
            "run_approvals",
            "run_locks",
            "audit_log",
            "runs",
            "qrtz_fired_triggers",
            "qrtz_simple_triggers",
            "qrtz_cron_triggers",
            "qrtz_simprop_triggers",
            "qrtz_blob_triggers",
            "qrtz_triggers",
            "qrtz_job_details",
            "qrtz_scheduler_state",
            "qrtz_locks",
            "qrtz_paused_trigger_grps",
            "qrtz_calendars");
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      for (String table : tables) {
        statement.executeUpdate("DELETE FROM " + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot wipe the test database", e);
    }
  }
}
