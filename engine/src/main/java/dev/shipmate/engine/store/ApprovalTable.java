package dev.shipmate.engine.store;

import static dev.shipmate.engine.store.Jdbc.setInstant;

import dev.shipmate.engine.run.RunId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The {@code run_approvals} table: one row per run and approver. */
final class ApprovalTable {
  private ApprovalTable() {}

  /** Records the approval; false when this approver had already approved this run. */
  static boolean insert(Connection connection, RunId runId, String approver, Instant at)
      throws SQLException {
    return Jdbc.insertUnlessDuplicate(
        connection,
        c ->
            Jdbc.update(
                c,
                "INSERT INTO run_approvals (run_id, approver, approved_at) VALUES (?, ?, ?)",
                s -> {
                  s.setString(1, runId.value());
                  s.setString(2, approver);
                  setInstant(s, 3, at);
                }));
  }

  static List<String> approvers(Connection connection, RunId runId) throws SQLException {
    return Jdbc.query(
        connection,
        "SELECT approver FROM run_approvals WHERE run_id = ? ORDER BY approved_at, approver",
        s -> s.setString(1, runId.value()),
        row -> row.getString("approver"));
  }
}
