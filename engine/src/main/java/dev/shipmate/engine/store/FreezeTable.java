package dev.shipmate.engine.store;

import static dev.shipmate.engine.store.Jdbc.setInstant;

import dev.shipmate.config.FreezeTarget;
import dev.shipmate.engine.freeze.AdHocFreeze;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The {@code freezes} table: the freezes set from chat, lifted ones kept. */
final class FreezeTable {
  private FreezeTable() {}

  static void insert(Connection connection, AdHocFreeze freeze) throws SQLException {
    Jdbc.update(
        connection,
        """
        INSERT INTO freezes (target_kind, target_name, reason, set_by, set_at, until_at)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
        s -> {
          s.setString(1, freeze.target().kind().name());
          s.setString(2, freeze.target().name());
          s.setString(3, freeze.reason());
          s.setString(4, freeze.setBy());
          setInstant(s, 5, freeze.setAt());
          setInstant(s, 6, freeze.until());
        });
  }

  /** The freezes in force at {@code at}, oldest first. */
  static List<AdHocFreeze> inForce(Connection connection, Instant at) throws SQLException {
    return Jdbc.query(
        connection,
        "SELECT * FROM freezes WHERE lifted_at IS NULL AND until_at > ? ORDER BY id",
        s -> setInstant(s, 1, at),
        FreezeTable::map);
  }

  /** Lifts the freezes of {@code target} in force at {@code at}; how many there were. */
  static int lift(Connection connection, FreezeTarget target, String by, Instant at)
      throws SQLException {
    return Jdbc.update(
        connection,
        """
        UPDATE freezes SET lifted_by = ?, lifted_at = ?
        WHERE target_kind = ? AND target_name = ? AND lifted_at IS NULL AND until_at > ?
        """,
        s -> {
          s.setString(1, by);
          setInstant(s, 2, at);
          s.setString(3, target.kind().name());
          s.setString(4, target.name());
          setInstant(s, 5, at);
        });
  }

  private static AdHocFreeze map(ResultSet row) throws SQLException {
    return new AdHocFreeze(
        new FreezeTarget(
            FreezeTarget.Kind.valueOf(row.getString("target_kind")), row.getString("target_name")),
        row.getString("reason"),
        row.getString("set_by"),
        Jdbc.instant(row, "set_at"),
        Jdbc.instant(row, "until_at"));
  }
}
