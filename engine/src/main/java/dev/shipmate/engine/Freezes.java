package dev.shipmate.engine;

import dev.shipmate.config.FreezeTarget;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.freeze.ActiveFreeze;
import dev.shipmate.engine.freeze.AdHocFreeze;
import dev.shipmate.engine.freeze.Change;
import dev.shipmate.engine.freeze.FreezeCalendar;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.store.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The freezes in force: the configured windows of the calendar and those set from chat, which are
 * stored (every replica sees them; a restart forgets none). Who may set or lift one is the caller's
 * business; the ledger line is written here, with the change.
 */
public final class Freezes {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final RunStore store;
  private final FreezeCalendar calendar;
  private final Clock clock;
  private final Runnable lifted;

  /**
   * @param lifted told after a freeze is lifted from chat: queued runs may go now
   */
  Freezes(RunStore store, FreezeCalendar calendar, Clock clock, Runnable lifted) {
    this.store = Objects.requireNonNull(store, "store");
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lifted = Objects.requireNonNull(lifted, "lifted");
  }

  /** The ledger's key for a target's freezes: {@code freeze:prod}. */
  public static LockKey ledgerKey(FreezeTarget target) {
    return LockKey.of("freeze", target.name());
  }

  /** Freezes {@code target} from now for {@code length}. */
  public AdHocFreeze freeze(FreezeTarget target, Duration length, String reason, String by) {
    Instant now = clock.instant();
    AdHocFreeze freeze = new AdHocFreeze(target, reason, by, now, now.plus(length));
    store.freeze(
        freeze,
        new AuditEntry(
            now,
            by,
            AuditAction.FREEZE_SET,
            Optional.of(ledgerKey(target)),
            Optional.empty(),
            target.kind().word()
                + " "
                + target.name()
                + " frozen until "
                + TIME.format(freeze.until())
                + ": "
                + reason));
    return freeze;
  }

  /** Lifts the freezes set from chat on {@code target}; those lifted (none: nothing changed). */
  public List<AdHocFreeze> unfreeze(FreezeTarget target, String by) {
    Instant now = clock.instant();
    List<AdHocFreeze> unfrozen =
        store.unfreeze(
            target,
            by,
            now,
            new AuditEntry(
                now,
                by,
                AuditAction.FREEZE_LIFTED,
                Optional.of(ledgerKey(target)),
                Optional.empty(),
                target.kind().word() + " " + target.name() + " unfrozen"));
    if (!unfrozen.isEmpty()) {
      lifted.run();
    }
    return unfrozen;
  }

  /** Every freeze in force now, configured ones first, then those set from chat, oldest first. */
  public List<ActiveFreeze> active() {
    Instant now = clock.instant();
    List<ActiveFreeze> all = new ArrayList<>(calendar.activeAt(now));
    store.freezesInForce(now).stream().map(AdHocFreeze::active).forEach(all::add);
    return all;
  }

  /** The freezes in force now that stop {@code change}, the one ending last first. */
  public List<ActiveFreeze> blocking(Change change) {
    return active().stream()
        .filter(f -> f.blocks(change))
        .sorted(Comparator.comparing(ActiveFreeze::until).reversed())
        .toList();
  }

  /** The freezes of the configuration in force now: no database read. */
  public List<ActiveFreeze> configured() {
    return calendar.activeAt(clock.instant());
  }
}
