package dev.shipmate.pipelines.preview;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When previews expire, and which are due for removal or for a warning. Pure but for the injected
 * clock.
 *
 * <ul>
 *   <li>A new preview lives for its time to live, from now.
 *   <li>{@code /env extend pr-12 24h} adds to the current expiry; to now if that has already passed
 *       (a preview not yet swept is not extended into the past).
 *   <li>No expiry is ever set further than {@link #max} ahead of now ({@link #DEFAULT_MAX}, 14
 *       days, unless configured): a longer ask is cut to it and the {@link Expiry} says so.
 *       Extending again later moves it further, so a preview someone keeps extending may outlive
 *       that.
 *   <li>A preview is expired once its expiry is not after now.
 *   <li>The warning is due from one hour ({@link #DEFAULT_WARNING}) before the expiry until the
 *       expiry, once per expiry: not when it was already sent for that same expiry.
 * </ul>
 */
public final class PreviewExpiry {
  public static final Duration DEFAULT_MAX = Duration.ofDays(14);
  public static final Duration DEFAULT_WARNING = Duration.ofHours(1);

  private final Clock clock;
  private final Duration max;
  private final Duration warning;

  public PreviewExpiry(Clock clock) {
    this(clock, DEFAULT_MAX, DEFAULT_WARNING);
  }

  public PreviewExpiry(Clock clock, Duration max, Duration warning) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.max = positive(max, "max");
    this.warning = positive(warning, "warning");
  }

  public Duration max() {
    return max;
  }

  /** The expiry of a preview made now to live {@code ttl}. */
  public Expiry start(Duration ttl) {
    return capped(clock.instant(), positive(ttl, "ttl"));
  }

  /** The expiry once {@code by} is added to {@code current}. */
  public Expiry extend(Instant current, Duration by) {
    Instant now = clock.instant();
    return capped(current.isAfter(now) ? current : now, positive(by, "by"));
  }

  /** The previews whose time is up, the longest expired first. */
  public List<Preview> expired(List<Preview> previews) {
    Instant now = clock.instant();
    return previews.stream()
        .filter(p -> !p.expiresAt().isAfter(now))
        .filter(p -> p.status() != PreviewStatus.TERMINATING)
        .sorted(Comparator.comparing(Preview::expiresAt))
        .toList();
  }

  /** The previews to warn now that they expire within the hour, and not yet warned for it. */
  public List<Preview> dueForWarning(List<Preview> previews) {
    Instant now = clock.instant();
    return previews.stream()
        .filter(p -> p.expiresAt().isAfter(now))
        .filter(p -> !p.expiresAt().minus(warning).isAfter(now))
        .filter(p -> !p.warnedFor().equals(Optional.of(p.expiresAt())))
        .filter(p -> p.status() != PreviewStatus.TERMINATING)
        .sorted(Comparator.comparing(Preview::expiresAt))
        .toList();
  }

  private Expiry capped(Instant from, Duration by) {
    Instant limit = clock.instant().plus(max);
    Instant wanted = from.plus(by);
    return wanted.isAfter(limit) ? new Expiry(limit, true, max) : new Expiry(wanted, false, max);
  }

  private static Duration positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be longer than zero, not " + duration);
    }
    return duration;
  }
}
