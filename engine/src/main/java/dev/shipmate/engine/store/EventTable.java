package dev.shipmate.engine.store;

import static dev.shipmate.engine.store.Jdbc.fit;
import static dev.shipmate.engine.store.Jdbc.setInstant;
import static dev.shipmate.engine.store.Jdbc.setString;

import dev.shipmate.engine.run.RunId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The {@code run_events} table: the journal of every transition. */
final class EventTable {
  private EventTable() {}

  static void append(Connection connection, JournalEntry entry) throws SQLException {
    Jdbc.update(
        connection,
        "INSERT INTO run_events (run_id, occurred_at, type, step, message) VALUES (?, ?, ?, ?, ?)",
        s -> {
          s.setString(1, entry.runId().value());
          setInstant(s, 2, entry.at());
          s.setString(3, entry.type());
          setString(s, 4, entry.step());
          s.setString(5, fit(entry.message(), 2000));
        });
  }

  static List<JournalEntry> ofRun(Connection connection, RunId runId) throws SQLException {
    return Jdbc.query(
        connection,
        "SELECT * FROM run_events WHERE run_id = ? ORDER BY id",
        s -> s.setString(1, runId.value()),
        row ->
            new JournalEntry(
                runId,
                Jdbc.instant(row, "occurred_at"),
                row.getString("type"),
                Jdbc.optionalString(row, "step"),
                row.getString("message")));
  }
}
