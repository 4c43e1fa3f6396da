package dev.shipmate.engine.freeze;

import dev.shipmate.config.FreezeTiming;
import dev.shipmate.config.FreezeWindow;
import dev.shipmate.engine.recurring.Schedule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;

/**
 * Which configured freeze windows are in force at an instant. Recurring windows are wall-clock
 * times in their zone: {@code FRI 15:00 Europe/Berlin} is 14:00 UTC in winter and 13:00 UTC in
 * summer, and a window spanning the night the clocks change is an hour shorter or longer.
 */
public final class FreezeCalendar {
  private final List<FreezeWindow> windows;

  public FreezeCalendar(List<FreezeWindow> windows) {
    this.windows = List.copyOf(windows);
  }

  /** The configured freezes in force at {@code at}, in the configuration's order. */
  public List<ActiveFreeze> activeAt(Instant at) {
    return windows.stream().flatMap(w -> occurrenceAt(w, at).stream()).toList();
  }

  /** The occurrence of {@code window} that {@code at} falls in, if any. */
  public static Optional<ActiveFreeze> occurrenceAt(FreezeWindow window, Instant at) {
    return window
        .timing()
        .match(new Occurrence(at))
        .map(
            span ->
                new ActiveFreeze(
                    window.name(),
                    window.reason(),
                    window.scope(),
                    window.blocks(),
                    span.from(),
                    span.until(),
                    Optional.empty()));
  }

  /** From one instant until another, the end not included. */
  record Span(Instant from, Instant until) {
    boolean contains(Instant at) {
      return !at.isBefore(from) && at.isBefore(until);
    }
  }

  private record Occurrence(Instant at) implements FreezeTiming.Cases<Optional<Span>> {
    @Override
    public Optional<Span> oneOff(FreezeTiming.OneOff oneOff) {
      Span span = new Span(oneOff.from(), oneOff.until());
      return span.contains(at) ? Optional.of(span) : Optional.empty();
    }

    @Override
    public Optional<Span> weekly(FreezeTiming.Weekly weekly) {
      // The latest start on or before `at`'s local date, and the one a week before it: a window
      // may run for up to seven days, so `at` can only fall in one of those two.
      LocalDate today = at.atZone(weekly.zone()).toLocalDate();
      LocalDate latest = today.with(TemporalAdjusters.previousOrSame(weekly.fromDay()));
      for (LocalDate startDate : List.of(latest, latest.minusWeeks(1))) {
        // ZonedDateTime.of moves a time in the spring gap forward and takes the earlier offset of
        // an autumn overlap, as people read "02:30" on those nights.
        Instant from = ZonedDateTime.of(startDate, weekly.fromTime(), weekly.zone()).toInstant();
        Instant until =
            ZonedDateTime.of(
                    startDate.plusDays(weekly.spanDays()), weekly.untilTime(), weekly.zone())
                .toInstant();
        Span span = new Span(from, until);
        if (span.contains(at)) {
          return Optional.of(span);
        }
      }
      return Optional.empty();
    }

    @Override
    public Optional<Span> cron(FreezeTiming.Cron cron) {
      // The first firing after (at - length) is the only one whose window can hold `at`.
      Optional<Instant> fired =
          Schedule.cron(cron.expression(), cron.zone())
              .nextAfter(at.minus(cron.length()).minusMillis(1));
      if (fired.isEmpty()) {
        return Optional.empty();
      }
      Span span = new Span(fired.get(), fired.get().plus(cron.length()));
      return span.contains(at) ? Optional.of(span) : Optional.empty();
    }
  }
}
