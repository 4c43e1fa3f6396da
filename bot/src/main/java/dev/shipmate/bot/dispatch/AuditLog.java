package dev.shipmate.bot.dispatch;

import dev.shipmate.engine.Engine;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import java.time.Clock;
import java.util.Objects;

/**
 * Writes what people asked of Shipmate to the engine's audit ledger, with what came of it: one line
 * per command and per click, refusals included.
 */
public final class AuditLog {

  /** The ledger's detail column holds 2,000 characters; a line is cut well before. */
  static final int MAX_DETAIL = 1_500;

  private final Engine engine;
  private final Clock clock;

  public AuditLog(Engine engine, Clock clock) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@code /deploy web v1.2 prod: started d-4k2p}. */
  public void record(String userId, Subject subject, String what, String outcome) {
    String detail = what + ": " + outcome;
    if (detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL - 1) + "…";
    }
    engine.record(
        new AuditEntry(
            clock.instant(), userId, AuditAction.COMMAND, subject.target(), subject.run(), detail));
  }
}
