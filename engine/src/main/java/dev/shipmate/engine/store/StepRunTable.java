package dev.shipmate.engine.store;

import static dev.shipmate.engine.store.Jdbc.fit;
import static dev.shipmate.engine.store.Jdbc.optionalInstant;
import static dev.shipmate.engine.store.Jdbc.optionalString;
import static dev.shipmate.engine.store.Jdbc.setInstant;
import static dev.shipmate.engine.store.Jdbc.setString;

import dev.shipmate.engine.run.Failure;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.engine.run.Phase;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.StepRun;
import dev.shipmate.engine.run.StepStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;

/** The {@code step_runs} table. */
final class StepRunTable {
  private static final String PHASE_ORDER =
      "CASE phase WHEN 'FORWARD' THEN 0 WHEN 'COMPENSATING' THEN 1 ELSE 2 END";

  private StepRunTable() {}

  static void save(Connection connection, StepRun step) throws SQLException {
    int updated =
        Jdbc.update(
            connection,
            """
            UPDATE step_runs SET step = ?, status = ?, attempts = ?, failed_attempts = ?,
              in_flight = ?, progress = ?, next_check_at = ?, failure_kind = ?,
              failure_message = ?, started_at = ?, updated_at = ?, finished_at = ?
            WHERE run_id = ? AND phase = ? AND step_index = ?
            """,
            s -> {
              s.setString(1, step.step());
              s.setString(2, step.status().name());
              s.setInt(3, step.attempts());
              s.setInt(4, step.failedAttempts());
              s.setBoolean(5, step.inFlight());
              setString(s, 6, step.progress().map(p -> fit(p, 500)));
              setInstant(s, 7, step.nextCheckAt());
              setFailure(s, 8, step.failure());
              setInstant(s, 10, step.startedAt());
              setInstant(s, 11, step.updatedAt());
              setInstant(s, 12, step.finishedAt());
              s.setString(13, step.runId().value());
              s.setString(14, step.phase().name());
              s.setInt(15, step.index());
            });
    if (updated == 0) {
      Jdbc.update(
          connection,
          """
          INSERT INTO step_runs (run_id, phase, step_index, step, status, attempts,
            failed_attempts, in_flight, progress, next_check_at, failure_kind, failure_message,
            started_at, updated_at, finished_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
          s -> {
            s.setString(1, step.runId().value());
            s.setString(2, step.phase().name());
            s.setInt(3, step.index());
            s.setString(4, step.step());
            s.setString(5, step.status().name());
            s.setInt(6, step.attempts());
            s.setInt(7, step.failedAttempts());
            s.setBoolean(8, step.inFlight());
            setString(s, 9, step.progress().map(p -> fit(p, 500)));
            setInstant(s, 10, step.nextCheckAt());
            setFailure(s, 11, step.failure());
            setInstant(s, 13, step.startedAt());
            setInstant(s, 14, step.updatedAt());
            setInstant(s, 15, step.finishedAt());
          });
    }
  }

  static List<StepRun> ofRun(Connection connection, RunId runId) throws SQLException {
    return Jdbc.query(
        connection,
        "SELECT * FROM step_runs WHERE run_id = ? ORDER BY " + PHASE_ORDER + ", step_index",
        s -> s.setString(1, runId.value()),
        StepRunTable::map);
  }

  static Optional<StepRun> find(Connection connection, RunId runId, Phase phase, int index)
      throws SQLException {
    return Jdbc.queryOne(
        connection,
        "SELECT * FROM step_runs WHERE run_id = ? AND phase = ? AND step_index = ?",
        s -> {
          s.setString(1, runId.value());
          s.setString(2, phase.name());
          s.setInt(3, index);
        },
        StepRunTable::map);
  }

  private static void setFailure(java.sql.PreparedStatement s, int first, Optional<Failure> failure)
      throws SQLException {
    if (failure.isPresent()) {
      s.setString(first, failure.get().kind().name());
      s.setString(first + 1, fit(failure.get().message(), 2000));
    } else {
      s.setNull(first, Types.VARCHAR);
      s.setNull(first + 1, Types.VARCHAR);
    }
  }

  private static StepRun map(ResultSet row) throws SQLException {
    String step = row.getString("step");
    String kind = row.getString("failure_kind");
    Optional<Failure> failure =
        kind == null
            ? Optional.empty()
            : Optional.of(
                new Failure(
                    FailureKind.valueOf(kind),
                    row.getString("failure_message"),
                    Optional.of(step)));
    return new StepRun(
        new RunId(row.getString("run_id")),
        Phase.valueOf(row.getString("phase")),
        row.getInt("step_index"),
        step,
        StepStatus.valueOf(row.getString("status")),
        row.getInt("attempts"),
        row.getInt("failed_attempts"),
        row.getBoolean("in_flight"),
        optionalString(row, "progress"),
        optionalInstant(row, "next_check_at"),
        failure,
        Jdbc.instant(row, "started_at"),
        Jdbc.instant(row, "updated_at"),
        optionalInstant(row, "finished_at"));
  }
}
