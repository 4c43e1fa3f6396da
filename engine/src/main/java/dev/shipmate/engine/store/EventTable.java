package dev.shipmate.engine.store;

import static dev.shipmate.engine.store.Jdbc.fit;
import static dev.shipmate.engine.store.Jdbc.setInstant;
import static dev.shipmate.engine.store.Jdbc.setString;

import dev.shipmate.engine.run.RunId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

  /** When the run's newest event of one of {@code types} was journaled, if it has one. */
  static Optional<Instant> lastOf(Connection connection, RunId runId, Set<String> types)
      throws SQLException {
    if (types.isEmpty()) {
      return Optional.empty();
    }
    List<String> names = List.copyOf(types);
    String marks = String.join(", ", Collections.nCopies(names.size(), "?"));
    return Jdbc.queryOne(
            connection,
            "SELECT MAX(occurred_at) AS last_at FROM run_events WHERE run_id = ? AND type IN ("
                + marks
                + ")",
            s -> {
              s.setString(1, runId.value());
              for (int i = 0; i < names.size(); i++) {
                s.setString(i + 2, names.get(i));
              }
            },
            row -> Jdbc.optionalInstant(row, "last_at"))
        .flatMap(last -> last);
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
