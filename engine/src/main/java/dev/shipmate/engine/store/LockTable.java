package dev.shipmate.engine.store;

import static dev.shipmate.engine.store.Jdbc.setInstant;

import dev.shipmate.engine.run.LockHolder;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.RunId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code run_locks} table. The primary key on {@code lock_key} is the lock: two replicas that
 * insert the same key at once cannot both succeed. A row whose run is over or gone is stale and is
 * reclaimed by the next run that wants the key.
 */
final class LockTable {
  private LockTable() {}

  private record Row(LockHolder holder, boolean live) {}

  /** Takes {@code key} for {@code runId}, or returns who holds it. */
  static Optional<LockHolder> acquire(
      Connection connection, LockKey key, RunId runId, String holder, Instant at)
      throws SQLException {
    for (int attempt = 0; attempt < 3; attempt++) {
      if (Jdbc.insertUnlessDuplicate(connection, c -> insert(c, key, runId, holder, at))) {
        return Optional.empty();
      }
      Optional<Row> existing = row(connection, key);
      if (existing.isEmpty()) {
        continue; // released between our insert and our read: try once more
      }
      if (existing.get().live()) {
        return Optional.of(existing.get().holder());
      }
      reclaim(connection, key, existing.get().holder().runId());
    }
    return Optional.of(
        row(connection, key)
            .map(Row::holder)
            .orElseThrow(() -> new SQLException("lock " + key + " keeps changing hands")));
  }

  /** Who holds {@code key}, if a run that is still active does. */
  static Optional<LockHolder> liveHolder(Connection connection, LockKey key) throws SQLException {
    return row(connection, key).filter(Row::live).map(Row::holder);
  }

  static void releaseAll(Connection connection, RunId runId) throws SQLException {
    Jdbc.update(
        connection, "DELETE FROM run_locks WHERE run_id = ?", s -> s.setString(1, runId.value()));
  }

  private static int insert(
      Connection connection, LockKey key, RunId runId, String holder, Instant at)
      throws SQLException {
    return Jdbc.update(
        connection,
        "INSERT INTO run_locks (lock_key, run_id, holder, acquired_at) VALUES (?, ?, ?, ?)",
        s -> {
          s.setString(1, key.value());
          s.setString(2, runId.value());
          s.setString(3, holder);
          setInstant(s, 4, at);
        });
  }

  private static void reclaim(Connection connection, LockKey key, RunId staleOwner)
      throws SQLException {
    Jdbc.update(
        connection,
        "DELETE FROM run_locks WHERE lock_key = ? AND run_id = ?",
        s -> {
          s.setString(1, key.value());
          s.setString(2, staleOwner.value());
        });
  }

  private static Optional<Row> row(Connection connection, LockKey key) throws SQLException {
    return Jdbc.queryOne(
        connection,
        """
        SELECT l.run_id, l.holder, l.acquired_at, r.status
        FROM run_locks l LEFT JOIN runs r ON r.id = l.run_id
        WHERE l.lock_key = ?
        """,
        s -> s.setString(1, key.value()),
        r -> {
          String status = r.getString("status");
          return new Row(
              new LockHolder(
                  key,
                  new RunId(r.getString("run_id")),
                  r.getString("holder"),
                  Jdbc.instant(r, "acquired_at")),
              status != null && RunTable.isActive(status));
        });
  }
}
