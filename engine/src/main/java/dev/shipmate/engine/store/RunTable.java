package dev.shipmate.engine.store;

import static dev.shipmate.engine.store.Jdbc.fit;
import static dev.shipmate.engine.store.Jdbc.optionalInstant;
import static dev.shipmate.engine.store.Jdbc.optionalString;
import static dev.shipmate.engine.store.Jdbc.setInstant;
import static dev.shipmate.engine.store.Jdbc.setString;

import dev.shipmate.engine.json.Json;
import dev.shipmate.engine.run.CancelRequest;
import dev.shipmate.engine.run.Decision;
import dev.shipmate.engine.run.Failure;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.engine.run.FreezeHold;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.PauseRequest;
import dev.shipmate.engine.run.Phase;
import dev.shipmate.engine.run.Question;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunState;
import dev.shipmate.engine.run.RunStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code runs} table. */
final class RunTable {
  private static final String ACTIVE = "('QUEUED', 'PENDING', 'AWAITING_APPROVAL', 'RUNNING')";

  private RunTable() {}

  static void insert(Connection connection, Run run) throws SQLException {
    Jdbc.update(
        connection,
        """
        INSERT INTO runs (id, pipeline, summary, params, requester, reply_channel, reply_thread,
          target_key, approvals_required, approval_deadline, status, phase, step_index,
          current_step, context, created_at, updated_at, version)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        s -> {
          s.setString(1, run.id().value());
          s.setString(2, run.pipeline());
          s.setString(3, fit(run.summary(), 500));
          s.setString(4, run.paramsJson());
          s.setString(5, run.requester());
          setString(s, 6, run.replyTo().map(ReplyAddress::channel));
          setString(s, 7, run.replyTo().flatMap(ReplyAddress::thread));
          s.setString(8, run.target().value());
          s.setInt(9, run.approvalsRequired());
          setInstant(s, 10, run.approvalDeadline());
          s.setString(11, run.status().name());
          s.setString(12, run.phase().name());
          s.setInt(13, run.state().stepIndex());
          setString(s, 14, run.currentStep());
          s.setString(15, run.state().contextJson());
          setInstant(s, 16, run.createdAt());
          setInstant(s, 17, run.state().updatedAt());
          s.setLong(18, run.version());
        });
  }

  /** Writes {@code after}'s state if the stored run is still at {@code expectedVersion}. */
  static boolean updateState(Connection connection, Run after, long expectedVersion)
      throws SQLException {
    RunState state = after.state();
    int changed =
        Jdbc.update(
            connection,
            """
            UPDATE runs SET status = ?, phase = ?, step_index = ?, current_step = ?, context = ?,
              failure_kind = ?, failure_step = ?, failure_message = ?,
              undo_failure_kind = ?, undo_failure_step = ?, undo_failure_message = ?,
              outcome_message = ?, started_at = ?, finished_at = ?, updated_at = ?, version = ?,
              decision = ?
            WHERE id = ? AND version = ?
            """,
            s -> {
              s.setString(1, state.status().name());
              s.setString(2, state.phase().name());
              s.setInt(3, state.stepIndex());
              setString(s, 4, state.currentStep());
              s.setString(5, state.contextJson());
              setFailure(s, 6, state.failure());
              setFailure(s, 9, state.undoFailure());
              setString(s, 12, state.message().map(m -> fit(m, 4000)));
              setInstant(s, 13, state.startedAt());
              setInstant(s, 14, state.finishedAt());
              setInstant(s, 15, state.updatedAt());
              s.setLong(16, after.version());
              setString(s, 17, after.decision().map(Json::write));
              s.setString(18, after.id().value());
              s.setLong(19, expectedVersion);
            });
    return changed == 1;
  }

  /** A queued run's approval window opens when its turn comes, not when it was asked for. */
  static void setApprovalDeadline(Connection connection, RunId id, Optional<Instant> deadline)
      throws SQLException {
    Jdbc.update(
        connection,
        "UPDATE runs SET approval_deadline = ? WHERE id = ?",
        s -> {
          setInstant(s, 1, deadline);
          s.setString(2, id.value());
        });
  }

  static boolean requestCancel(Connection connection, RunId id, CancelRequest request)
      throws SQLException {
    return Jdbc.update(
            connection,
            "UPDATE runs SET cancel_requested_by = ?, cancel_requested_at = ?"
                + " WHERE id = ? AND cancel_requested_by IS NULL AND status IN "
                + ACTIVE,
            s -> {
              s.setString(1, request.by());
              setInstant(s, 2, request.at());
              s.setString(3, id.value());
            })
        == 1;
  }

  /**
   * Pauses a run that runs its steps forward, or has yet to start them, and is not being cancelled
   * or already paused.
   */
  static boolean pause(Connection connection, RunId id, PauseRequest request) throws SQLException {
    return Jdbc.update(
            connection,
            "UPDATE runs SET paused_by = ?, paused_at = ? WHERE id = ? AND paused_by IS NULL"
                + " AND cancel_requested_by IS NULL AND status IN ('PENDING', 'RUNNING') AND phase = 'FORWARD'",
            s -> {
              s.setString(1, request.by());
              setInstant(s, 2, request.at());
              s.setString(3, id.value());
            })
        == 1;
  }

  /**
   * Pauses a run whose step asked a question, in the same transaction as the step's result: it
   * replaces a pause someone made meanwhile, since the question is what the run now waits on.
   */
  static void ask(Connection connection, RunId id, PauseRequest request) throws SQLException {
    Jdbc.update(
        connection,
        "UPDATE runs SET paused_by = ?, paused_at = ?, pause_question = ?, pause_hold = ?"
            + " WHERE id = ?",
        s -> {
          s.setString(1, request.by());
          setInstant(s, 2, request.at());
          setString(s, 3, request.question().map(Json::write));
          setString(s, 4, request.hold().map(Json::write));
          s.setString(5, id.value());
        });
  }

  /**
   * Records the answer to the question a paused run asked and lets it go on, if the run is still at
   * {@code expectedVersion} and still asking: two people answering at once get one answer.
   */
  static boolean decide(Connection connection, RunId id, Decision decision, long expectedVersion)
      throws SQLException {
    return Jdbc.update(
            connection,
            "UPDATE runs SET paused_by = NULL, paused_at = NULL, pause_question = NULL,"
                + " pause_hold = NULL, decision = ?, version = version + 1 WHERE id = ? AND version = ?"
                + " AND pause_question IS NOT NULL AND cancel_requested_by IS NULL"
                + " AND status IN "
                + ACTIVE,
            s -> {
              s.setString(1, Json.write(decision));
              s.setString(2, id.value());
              s.setLong(3, expectedVersion);
            })
        == 1;
  }

  static boolean resume(Connection connection, RunId id) throws SQLException {
    return Jdbc.update(
            connection,
            "UPDATE runs SET paused_by = NULL, paused_at = NULL, pause_question = NULL,"
                + " pause_hold = NULL WHERE id = ?"
                + " AND paused_by IS NOT NULL AND status IN "
                + ACTIVE,
            s -> s.setString(1, id.value()))
        == 1;
  }

  /**
   * Takes the run's card for {@code holder} until {@code until}: when nobody holds it, the holder
   * already does, or the last holder's time is up.
   */
  static boolean holdCard(
      Connection connection, RunId id, String holder, Instant now, Instant until)
      throws SQLException {
    return Jdbc.update(
            connection,
            "UPDATE runs SET card_holder = ?, card_held_until = ? WHERE id = ? AND (card_holder IS"
                + " NULL OR card_holder = ? OR card_held_until < ?)",
            s -> {
              s.setString(1, holder);
              setInstant(s, 2, until);
              s.setString(3, id.value());
              s.setString(4, holder);
              setInstant(s, 5, now);
            })
        == 1;
  }

  /** Lets go of the run's card, if {@code holder} still holds it. */
  static void releaseCard(Connection connection, RunId id, String holder) throws SQLException {
    Jdbc.update(
        connection,
        "UPDATE runs SET card_holder = NULL, card_held_until = NULL WHERE id = ? AND card_holder"
            + " = ?",
        s -> {
          s.setString(1, id.value());
          s.setString(2, holder);
        });
  }

  static boolean updateReplyAddress(Connection connection, RunId id, ReplyAddress address)
      throws SQLException {
    return Jdbc.update(
            connection,
            "UPDATE runs SET reply_channel = ?, reply_thread = ? WHERE id = ?",
            s -> {
              s.setString(1, address.channel());
              setString(s, 2, address.thread());
              s.setString(3, id.value());
            })
        == 1;
  }

  static Optional<Run> find(Connection connection, RunId id) throws SQLException {
    return Jdbc.queryOne(
        connection,
        "SELECT * FROM runs WHERE id = ?",
        s -> s.setString(1, id.value()),
        RunTable::map);
  }

  static List<Run> active(Connection connection) throws SQLException {
    return Jdbc.query(
        connection,
        "SELECT * FROM runs WHERE status IN " + ACTIVE + " ORDER BY created_at, id",
        s -> {},
        RunTable::map);
  }

  static List<Run> history(Connection connection, LockKey target, int limit) throws SQLException {
    return Jdbc.query(
        connection,
        "SELECT * FROM runs WHERE target_key = ? ORDER BY created_at DESC, id DESC LIMIT ?",
        s -> {
          s.setString(1, target.value());
          s.setInt(2, limit);
        },
        RunTable::map);
  }

  static boolean isActive(String status) {
    return !RunStatus.valueOf(status).isTerminal();
  }

  private static void setFailure(PreparedStatement s, int first, Optional<Failure> failure)
      throws SQLException {
    if (failure.isPresent()) {
      s.setString(first, failure.get().kind().name());
      setString(s, first + 1, failure.get().step());
      s.setString(first + 2, fit(failure.get().message(), 2000));
    } else {
      s.setNull(first, Types.VARCHAR);
      s.setNull(first + 1, Types.VARCHAR);
      s.setNull(first + 2, Types.VARCHAR);
    }
  }

  private static Optional<Failure> failure(ResultSet row, String prefix) throws SQLException {
    String kind = row.getString(prefix + "_kind");
    if (kind == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Failure(
            FailureKind.valueOf(kind),
            row.getString(prefix + "_message"),
            optionalString(row, prefix + "_step")));
  }

  static Run map(ResultSet row) throws SQLException {
    Optional<ReplyAddress> replyTo =
        optionalString(row, "reply_channel")
            .map(
                channel ->
                    new ReplyAddress(channel, Optional.ofNullable(row(row, "reply_thread"))));
    Optional<CancelRequest> cancel =
        optionalString(row, "cancel_requested_by")
            .map(by -> new CancelRequest(by, instantOrNull(row, "cancel_requested_at")));
    RunState state =
        new RunState(
            RunStatus.valueOf(row.getString("status")),
            Phase.valueOf(row.getString("phase")),
            row.getInt("step_index"),
            optionalString(row, "current_step"),
            row.getString("context"),
            failure(row, "failure"),
            failure(row, "undo_failure"),
            optionalString(row, "outcome_message"),
            optionalInstant(row, "started_at"),
            optionalInstant(row, "finished_at"),
            Jdbc.instant(row, "updated_at"));
    return new Run(
        new RunId(row.getString("id")),
        row.getString("pipeline"),
        row.getString("summary"),
        row.getString("params"),
        row.getString("requester"),
        replyTo,
        new LockKey(row.getString("target_key")),
        row.getInt("approvals_required"),
        optionalInstant(row, "approval_deadline"),
        Jdbc.instant(row, "created_at"),
        cancel,
        state,
        row.getLong("version"),
        optionalString(row, "paused_by")
            .map(
                by ->
                    new PauseRequest(
                        by,
                        instantOrNull(row, "paused_at"),
                        Optional.ofNullable(row(row, "pause_question"))
                            .map(json -> Json.read(json, Question.class)),
                        Optional.ofNullable(row(row, "pause_hold"))
                            .map(json -> Json.read(json, FreezeHold.class)))),
        optionalString(row, "decision").map(json -> Json.read(json, Decision.class)));
  }

  // Optional.map cannot throw SQLException; these two keep map() readable.
  private static String row(ResultSet row, String column) {
    try {
      return row.getString(column);
    } catch (SQLException e) {
      throw new StoreException("cannot read " + column, e);
    }
  }

  private static Instant instantOrNull(ResultSet row, String column) {
    try {
      return Jdbc.instant(row, column);
    } catch (SQLException e) {
      throw new StoreException("cannot read " + column, e);
    }
  }
}
