package dev.shipmate.bot.drift;

import dev.shipmate.bot.auth.Guard;
import dev.shipmate.bot.dispatch.ButtonHandler;
import dev.shipmate.bot.dispatch.Click;
import dev.shipmate.bot.dispatch.ClickReply;
import dev.shipmate.bot.dispatch.Subject;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.pipelines.drift.Decision;
import dev.shipmate.pipelines.drift.DriftLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Snooze 7 days and Ignore on a drift report. Records the decision (nothing is written to git),
 * then says in the report's thread who decided what and why. A snooze needs a reason, typed in the
 * report's reason box before pressing the button. Only those who may change what drifted may decide
 * ({@link DriftDeciders}); every decision is kept with its author ({@link DriftLedger#history})
 * and, through the button dispatcher, in the audit ledger under {@code drift:<cluster or cutover>}.
 */
public final class DriftButtons implements ButtonHandler {
  static final Duration SNOOZE = Duration.ofDays(7);

  private final Decision.Kind kind;
  private final DriftLedger ledger;
  private final Clock clock;
  private final DriftDeciders deciders;

  DriftButtons(Decision.Kind kind, DriftLedger ledger, Clock clock, DriftDeciders deciders) {
    this.kind = kind;
    this.ledger = ledger;
    this.clock = clock;
    this.deciders = deciders;
  }

  @Override
  public ClickReply handle(Click click) {
    String key = click.value();
    if (key == null || key.isBlank() || click.channelId() == null) {
      return ClickReply.refused("That button names no drift finding; nothing was recorded.");
    }
    if (key.length() > DriftLedger.MAX_KEY) {
      // Our own buttons never carry more; the ledger could not keep it.
      return ClickReply.refused(
          "That button names a drift finding longer than "
              + DriftLedger.MAX_KEY
              + " characters, which no report of Shipmate's carries; nothing was recorded.");
    }
    Optional<Guard> guard = deciders.guardOf(key);
    if (guard.isEmpty()) {
      return ClickReply.refused(
          "That button names drift in no cluster or cutover of this configuration; nothing was"
              + " recorded.");
    }
    // Audited per cluster or cutover: drift:prod-eu, drift:www.
    Subject subject = Subject.of(LockKey.of("drift", guard.get().name()));
    Optional<String> refusal = deciders.refusal(click.userId(), guard.get());
    if (refusal.isPresent()) {
      return new ClickReply.Refused(refusal.get(), subject);
    }
    String reason = click.input(DriftActions.REASON_INPUT).orElse("");
    if (reason.strip().length() > DriftLedger.MAX_REASON) {
      return ClickReply.refused(
          "Nothing was recorded: the reason is "
              + reason.strip().length()
              + " characters long; shorten it to "
              + DriftLedger.MAX_REASON
              + " or fewer and press the button again.");
    }
    if (kind == Decision.Kind.SNOOZED && reason.isBlank()) {
      return ClickReply.refused(
          "Nothing was snoozed: type a reason in the box under the drift report, then press"
              + " Snooze 7 days again.");
    }
    Instant now = clock.instant();
    Decision decision =
        new Decision(
            kind,
            kind == Decision.Kind.SNOOZED ? Optional.of(now.plus(SNOOZE)) : Optional.empty(),
            reason.strip(),
            click.userId(),
            now);
    ledger.decide(key, decision);
    String what = kind == Decision.Kind.SNOOZED ? "snoozed for 7 days" : "ignored";
    String note =
        "<@"
            + click.userId()
            + "> "
            + what
            + " `"
            + DriftMessageRenderer.escape(key)
            + "`"
            + (decision.reason().isEmpty()
                ? ""
                : ": " + DriftMessageRenderer.escape(decision.reason()))
            + ". Nothing was changed in git; later reports count it as "
            + (kind == Decision.Kind.SNOOZED ? "snoozed until then." : "ignored.");
    return new ClickReply.Posted(
        note,
        subject,
        what + " " + key + (decision.reason().isEmpty() ? "" : ": " + decision.reason()));
  }
}
