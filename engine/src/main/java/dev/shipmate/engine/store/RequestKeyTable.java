package dev.shipmate.engine.store;

import static dev.shipmate.engine.store.Jdbc.setInstant;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** The {@code request_keys} table: one row per request received, the primary key the claim. */
final class RequestKeyTable {
  private RequestKeyTable() {}

  /** Claims {@code key}; false when it was claimed before. */
  static boolean claim(Connection connection, String key, Instant at) throws SQLException {
    return Jdbc.insertUnlessDuplicate(
        connection,
        c ->
            Jdbc.update(
                c,
                "INSERT INTO request_keys (request_key, claimed_at) VALUES (?, ?)",
                s -> {
                  s.setString(1, key);
                  setInstant(s, 2, at);
                }));
  }

  static int deleteBefore(Connection connection, Instant before) throws SQLException {
    return Jdbc.update(
        connection, "DELETE FROM request_keys WHERE claimed_at < ?", s -> setInstant(s, 1, before));
  }
}
