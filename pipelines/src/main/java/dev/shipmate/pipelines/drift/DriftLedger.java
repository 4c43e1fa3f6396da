package dev.shipmate.pipelines.drift;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The drift seen by earlier reports, and the decisions taken about it, in the engine's database
 * (tables {@code drift_findings} and {@code drift_decisions}, migration V10; every decision ever
 * taken in {@code drift_decision_log}, V13_19).
 */
public final class DriftLedger {
  /** The longest finding key the ledger keeps ({@code finding_key VARCHAR(600)}). */
  public static final int MAX_KEY = 600;

  /** The longest decision reason the ledger keeps ({@code reason VARCHAR(500)}). */
  public static final int MAX_REASON = 500;

  private final DataSource dataSource;

  public DriftLedger(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Records what {@code report} found and ages it: a finding seen before keeps its first sighting;
   * one no longer found in a scope the report covered is forgotten, so that it is new if it comes
   * back.
   */
  public synchronized List<AgedFinding> remember(DriftReport report) {
    Set<String> scopes = new HashSet<>(report.clusters());
    if (report.dnsChecked()) {
      scopes.add(Finding.DNS);
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Map<String, Instant> known = firstSightings(c);
        Map<String, Decision> decisions = decisions(c);
        Set<String> present = new HashSet<>();
        List<AgedFinding> aged = new ArrayList<>();
        for (Finding finding : report.findings()) {
          String key = finding.key();
          present.add(key);
          Instant first = known.get(key);
          if (first == null) {
            insert(c, key, report.at());
          } else {
            touch(c, key, report.at());
          }
          aged.add(
              new AgedFinding(
                  finding,
                  first == null ? report.at() : first,
                  first == null,
                  Optional.ofNullable(decisions.get(key))));
        }
        for (String key : known.keySet()) {
          if (!present.contains(key) && scopes.contains(scopeOf(key))) {
            update(c, "DELETE FROM drift_findings WHERE finding_key = ?", key);
          }
        }
        c.commit();
        return aged;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record the drift report: " + e.getMessage(), e);
    }
  }

  /**
   * Records a decision about a finding: it becomes the finding's current decision, and joins the
   * finding's history, where earlier decisions and their authors stay ({@link #history}).
   */
  public void decide(String findingKey, Decision decision) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        update(c, "DELETE FROM drift_decisions WHERE finding_key = ?", findingKey);
        insertDecision(c, "drift_decisions", findingKey, decision);
        insertDecision(c, "drift_decision_log", findingKey, decision);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record the decision: " + e.getMessage(), e);
    }
  }

  /** Every decision taken about a finding, oldest first, the current one last. */
  public List<Decision> history(String findingKey) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT decision, until_at, reason, decided_by, decided_at FROM drift_decision_log"
                    + " WHERE finding_key = ? ORDER BY decided_at, id")) {
      s.setString(1, findingKey);
      List<Decision> history = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          history.add(
              new Decision(
                  Decision.Kind.valueOf(r.getString(1)),
                  Optional.ofNullable(r.getObject(2, OffsetDateTime.class))
                      .map(OffsetDateTime::toInstant),
                  r.getString(3) == null ? "" : r.getString(3),
                  r.getString(4),
                  r.getObject(5, OffsetDateTime.class).toInstant()));
        }
      }
      return history;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read decisions: " + e.getMessage(), e);
    }
  }

  private static void insertDecision(
      Connection c, String table, String findingKey, Decision decision) throws SQLException {
    // table is one of two constants above, never input.
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO "
                + table
                + " (finding_key, decision, until_at, reason, decided_by, decided_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setString(1, findingKey);
      s.setString(2, decision.kind().name());
      s.setObject(3, decision.until().map(DriftLedger::utc).orElse(null));
      s.setString(4, decision.reason());
      s.setString(5, decision.decidedBy());
      s.setObject(6, utc(decision.decidedAt()));
      s.executeUpdate();
    }
  }

  public Optional<Decision> decision(String findingKey) {
    try (Connection c = dataSource.getConnection()) {
      return Optional.ofNullable(decisions(c).get(findingKey));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read decisions: " + e.getMessage(), e);
    }
  }

  private static String scopeOf(String key) {
    int bar = key.indexOf('|');
    return bar < 0 ? key : key.substring(0, bar);
  }

  private static Map<String, Instant> firstSightings(Connection c) throws SQLException {
    Map<String, Instant> known = new HashMap<>();
    try (PreparedStatement s =
            c.prepareStatement("SELECT finding_key, first_seen FROM drift_findings");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        known.put(r.getString(1), r.getObject(2, OffsetDateTime.class).toInstant());
      }
    }
    return known;
  }

  private static Map<String, Decision> decisions(Connection c) throws SQLException {
    Map<String, Decision> decisions = new HashMap<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT finding_key, decision, until_at, reason, decided_by, decided_at"
                    + " FROM drift_decisions");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        decisions.put(
            r.getString(1),
            new Decision(
                Decision.Kind.valueOf(r.getString(2)),
                Optional.ofNullable(r.getObject(3, OffsetDateTime.class))
                    .map(OffsetDateTime::toInstant),
                r.getString(4) == null ? "" : r.getString(4),
                r.getString(5),
                r.getObject(6, OffsetDateTime.class).toInstant()));
      }
    }
    return decisions;
  }

  private static void insert(Connection c, String key, Instant at) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO drift_findings (finding_key, first_seen, last_seen) VALUES (?, ?, ?)")) {
      s.setString(1, key);
      s.setObject(2, utc(at));
      s.setObject(3, utc(at));
      s.executeUpdate();
    }
  }

  private static void touch(Connection c, String key, Instant at) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE drift_findings SET last_seen = ? WHERE finding_key = ?")) {
      s.setObject(1, utc(at));
      s.setString(2, key);
      s.executeUpdate();
    }
  }

  private static void update(Connection c, String sql, String key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, key);
      s.executeUpdate();
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
