package dev.shipmate.pipelines.cutover;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The probe samples of the last {@code length} up to {@code end}: what the health gate judges.
 * Samples outside the window are dropped, so that a step may keep adding and judging.
 */
public record HealthWindow(Duration length, Instant end, List<HealthSample> samples) {

  public HealthWindow {
    Objects.requireNonNull(length, "length");
    Objects.requireNonNull(end, "end");
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("a health window must be longer than zero");
    }
    Instant start = end.minus(length);
    samples =
        samples.stream()
            .filter(s -> !s.at().isBefore(start) && !s.at().isAfter(end))
            .sorted(Comparator.comparing(HealthSample::at))
            .toList();
  }

  public static HealthWindow empty(Duration length, Instant end) {
    return new HealthWindow(length, end, List.of());
  }

  /** The window moved to {@code now}, with {@code sample} added. */
  public HealthWindow add(HealthSample sample, Instant now) {
    List<HealthSample> all = new ArrayList<>(samples);
    all.add(sample);
    return new HealthWindow(length, now.isAfter(end) ? now : end, all);
  }

  public Instant start() {
    return end.minus(length);
  }
}
