package dev.shipmate.engine.recurring;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/** When a {@link RecurringJob} fires: at the times a cron expression names, or at an interval. */
public sealed interface Schedule {

  /**
   * The first firing of this schedule if it is set at {@code now}.
   *
   * @throws IllegalArgumentException if it never fires after {@code now} (a cron expression whose
   *     last year is past)
   */
  Instant firstFiring(Instant now);

  /** In words, for logs: {@code cron '0 0 9 ? * MON-FRI' in Europe/Paris}, {@code every PT1M}. */
  String describe();

  /** At the times {@code expression} names, in {@code zone}. */
  static Cron cron(String expression, ZoneId zone) {
    return new Cron(expression, zone);
  }

  /** Every {@code interval}, the first firing one interval from now. */
  static Every every(Duration interval) {
    return new Every(interval, interval);
  }

  /**
   * A Quartz cron expression: {@code second minute hour day-of-month month day-of-week [year]},
   * with {@code ?} in one of the two day fields, e.g. {@code 0 0 9 ? * MON-FRI} (09:00 on
   * weekdays).
   */
  record Cron(String expression, ZoneId zone) implements Schedule {
    /** Quartz's column for the expression ({@code QRTZ_CRON_TRIGGERS.CRON_EXPRESSION}). */
    static final int MAX_LENGTH = 120;

    private static final String SYNTAX =
        "Quartz cron is 'second minute hour day-of-month month day-of-week [year]', with '?' in"
            + " one of the two day fields, e.g. '0 0 9 ? * MON-FRI' for 09:00 on weekdays";

    public Cron {
      Objects.requireNonNull(expression, "expression");
      Objects.requireNonNull(zone, "zone");
      if (expression.length() > MAX_LENGTH) {
        throw invalid(expression, "it is longer than " + MAX_LENGTH + " characters");
      }
      if (expression.isBlank()) {
        throw invalid(expression, "it is empty");
      }
      int fields = expression.trim().split("\\s+").length;
      if (fields == 5) {
        // The usual mistake: a crontab line, which has no seconds field.
        throw invalid(
            expression, "it has 5 fields, like a crontab line; Quartz's start with seconds");
      }
      try {
        CronExpression.validateExpression(expression);
      } catch (ParseException e) {
        throw invalid(expression, e.getMessage().replaceFirst("\\.$", ""));
      }
    }

    private static IllegalArgumentException invalid(String expression, String why) {
      return new IllegalArgumentException(
          "the cron expression '" + expression + "' is not valid: " + why + ". " + SYNTAX);
    }

    /** The first time after {@code instant} that the expression names, if there is one. */
    public Optional<Instant> nextAfter(Instant instant) {
      try {
        CronExpression cron = new CronExpression(expression);
        cron.setTimeZone(TimeZone.getTimeZone(zone));
        return Optional.ofNullable(cron.getNextValidTimeAfter(Date.from(instant)))
            .map(Date::toInstant);
      } catch (ParseException e) {
        throw new IllegalStateException("validated in the constructor", e);
      }
    }

    @Override
    public Instant firstFiring(Instant now) {
      return nextAfter(now)
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "the cron expression '" + expression + "' never fires after " + now));
    }

    @Override
    public String describe() {
      return "cron '" + expression + "' in " + zone;
    }
  }

  /**
   * Every {@code interval}, the first firing {@code firstAfter} from when it is scheduled: not at
   * once by default, so that a process that starts and stops at once (a validation, a smoke test)
   * runs nothing.
   */
  record Every(Duration interval, Duration firstAfter) implements Schedule {
    public Every {
      Objects.requireNonNull(interval, "interval");
      Objects.requireNonNull(firstAfter, "firstAfter");
      // Quartz counts intervals in whole milliseconds.
      if (interval.toMillis() < 1) {
        throw new IllegalArgumentException(
            "a recurring job's interval must be at least 1 ms, not " + interval);
      }
      if (firstAfter.isNegative()) {
        throw new IllegalArgumentException(
            "a recurring job's first firing cannot be in the past (firstAfter " + firstAfter + ")");
      }
    }

    @Override
    public Instant firstFiring(Instant now) {
      return now.plus(firstAfter);
    }

    @Override
    public String describe() {
      return "every " + interval;
    }
  }
}
