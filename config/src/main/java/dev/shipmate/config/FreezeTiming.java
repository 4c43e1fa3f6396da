package dev.shipmate.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * When a configured freeze is in force: once ({@code from}/{@code until}), every week between two
 * weekday times ({@code weekly}), or for a while after each firing of a cron expression ({@code
 * cron} and {@code for}). Recurring times are wall-clock times in their zone, so a window keeps its
 * local hours across a change to or from summer time.
 */
public sealed interface FreezeTiming {

  /** One method per kind of timing, so that a new kind does not compile until it is handled. */
  interface Cases<T> {
    T oneOff(OneOff oneOff);

    T weekly(Weekly weekly);

    T cron(Cron cron);
  }

  <T> T match(Cases<T> cases);

  /** In words, for a list: {@code weekly FRI 15:00 – MON 07:00 (Europe/Berlin)}. */
  String describe();

  /** From one instant until another. */
  record OneOff(Instant from, Instant until) implements FreezeTiming {
    public OneOff {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(until, "until");
      if (!until.isAfter(from)) {
        throw new IllegalArgumentException("a freeze ends after it begins");
      }
    }

    @Override
    public <T> T match(Cases<T> cases) {
      return cases.oneOff(this);
    }

    @Override
    public String describe() {
      return "from " + from + " until " + until;
    }
  }

  /**
   * Every week from a weekday's time until the next given weekday's time (the same day a week later
   * when both are the same and {@code until} is not after {@code from}).
   */
  record Weekly(
      DayOfWeek fromDay, LocalTime fromTime, DayOfWeek untilDay, LocalTime untilTime, ZoneId zone)
      implements FreezeTiming {
    public Weekly {
      Objects.requireNonNull(fromDay, "fromDay");
      Objects.requireNonNull(fromTime, "fromTime");
      Objects.requireNonNull(untilDay, "untilDay");
      Objects.requireNonNull(untilTime, "untilTime");
      Objects.requireNonNull(zone, "zone");
    }

    /** Days from the start's date to the end's date: 0 to 7. */
    public int spanDays() {
      int days = Math.floorMod(untilDay.getValue() - fromDay.getValue(), 7);
      return days == 0 && !untilTime.isAfter(fromTime) ? 7 : days;
    }

    @Override
    public <T> T match(Cases<T> cases) {
      return cases.weekly(this);
    }

    @Override
    public String describe() {
      return "weekly "
          + day(fromDay)
          + " "
          + fromTime
          + " – "
          + day(untilDay)
          + " "
          + untilTime
          + " ("
          + zone
          + ")";
    }

    private static String day(DayOfWeek day) {
      return day.name().substring(0, 3);
    }
  }

  /**
   * For {@code length} after each firing of a Quartz cron expression, read in {@code zone}.
   *
   * @param expression checked for its shape when the configuration was read
   */
  record Cron(String expression, Duration length, ZoneId zone) implements FreezeTiming {
    public Cron {
      Objects.requireNonNull(expression, "expression");
      Objects.requireNonNull(length, "length");
      Objects.requireNonNull(zone, "zone");
      if (length.isNegative() || length.isZero()) {
        throw new IllegalArgumentException("a freeze lasts a while");
      }
    }

    @Override
    public <T> T match(Cases<T> cases) {
      return cases.cron(this);
    }

    @Override
    public String describe() {
      return "cron \"" + expression + "\" for " + Durations.format(length) + " (" + zone + ")";
    }
  }
}
