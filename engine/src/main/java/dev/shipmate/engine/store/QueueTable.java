package dev.shipmate.engine.store;

import static dev.shipmate.engine.store.Jdbc.setInstant;

import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The {@code run_queue} table: the order of the queued runs of each target. Its identity column is
 * the order they were asked for in, the same on every replica.
 */
final class QueueTable {
  private QueueTable() {}

  static void insert(Connection connection, RunId runId, LockKey key, Instant at)
      throws SQLException {
    Jdbc.update(
        connection,
        "INSERT INTO run_queue (run_id, lock_key, queued_at) VALUES (?, ?, ?)",
        s -> {
          s.setString(1, runId.value());
          s.setString(2, key.value());
          setInstant(s, 3, at);
        });
  }

  /** Takes the run out of the queue, if it is in one. */
  static void remove(Connection connection, RunId runId) throws SQLException {
    Jdbc.update(
        connection, "DELETE FROM run_queue WHERE run_id = ?", s -> s.setString(1, runId.value()));
  }

  /** The queued runs of {@code key}, next first. */
  static List<Run> ofKey(Connection connection, LockKey key) throws SQLException {
    return Jdbc.query(
        connection,
        """
        SELECT r.* FROM run_queue q JOIN runs r ON r.id = q.run_id
        WHERE q.lock_key = ? ORDER BY q.position
        """,
        s -> s.setString(1, key.value()),
        RunTable::map);
  }

  /** Every queued run, target by target, each target's next first. */
  static List<Run> all(Connection connection) throws SQLException {
    return Jdbc.query(
        connection,
        "SELECT r.* FROM run_queue q JOIN runs r ON r.id = q.run_id ORDER BY q.lock_key, q.position",
        s -> {},
        RunTable::map);
  }
}
