package dev.shipmate.engine.store;

import static dev.shipmate.engine.store.Jdbc.fit;
import static dev.shipmate.engine.store.Jdbc.setInstant;
import static dev.shipmate.engine.store.Jdbc.setString;

import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.RunId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** The {@code audit_log} table: append-only. */
final class AuditTable {
  private AuditTable() {}

  static void append(Connection connection, AuditEntry entry) throws SQLException {
    Jdbc.update(
        connection,
        """
        INSERT INTO audit_log (occurred_at, actor, action, target_key, run_id, detail)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
        s -> {
          setInstant(s, 1, entry.at());
          s.setString(2, entry.actor());
          s.setString(3, entry.action().name());
          setString(s, 4, entry.target().map(LockKey::value));
          setString(s, 5, entry.runId().map(RunId::value));
          s.setString(6, fit(entry.detail(), 2000));
        });
  }

  /** The newest {@code limit} entries about {@code target}, newest first. */
  static List<AuditEntry> ofTarget(Connection connection, LockKey target, int limit)
      throws SQLException {
    return Jdbc.query(
        connection,
        "SELECT * FROM audit_log WHERE target_key = ? ORDER BY id DESC LIMIT ?",
        s -> {
          s.setString(1, target.value());
          s.setInt(2, limit);
        },
        AuditTable::map);
  }

  /** Everything about one run, oldest first. */
  static List<AuditEntry> ofRun(Connection connection, RunId runId) throws SQLException {
    return Jdbc.query(
        connection,
        "SELECT * FROM audit_log WHERE run_id = ? ORDER BY id",
        s -> s.setString(1, runId.value()),
        AuditTable::map);
  }

  private static AuditEntry map(ResultSet row) throws SQLException {
    return new AuditEntry(
        Jdbc.instant(row, "occurred_at"),
        row.getString("actor"),
        AuditAction.valueOf(row.getString("action")),
        Jdbc.optionalString(row, "target_key").map(LockKey::new),
        Jdbc.optionalString(row, "run_id").map(RunId::new),
        row.getString("detail"));
  }
}
