package dev.shipmate.pipelines.analysis;

import dev.shipmate.config.AnalysisCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A set of checks run side by side over one bake (a cutover step, the nodes after an upgrade
 * batch), each on its own interval: the tallies, a measurement of those due, and the verdict.
 * Immutable: each {@link #measure} gives a new run.
 */
public record AnalysisRun(List<CheckTally> tallies) {

  public AnalysisRun {
    tallies = List.copyOf(tallies);
  }

  /**
   * Nothing measured yet; every check's first measurement is due at {@code start}.
   *
   * @param names the run's values of the placeholders ({@code cluster}, {@code version}, …)
   */
  public static AnalysisRun start(
      List<AnalysisCheck> checks, Map<String, String> names, Instant start) {
    return new AnalysisRun(
        checks.stream().map(check -> CheckTally.start(check, asked(check, names), start)).toList());
  }

  /** What a check asks, its placeholders filled in: the query, or the alarm's name. */
  public static String asked(AnalysisCheck check, Map<String, String> names) {
    if (check.source() instanceof AnalysisCheck.CloudWatch alarm) {
      return QueryTemplate.fill(alarm.alarm(), names);
    }
    return QueryTemplate.fill(((AnalysisCheck.Prometheus) check.source()).query(), names);
  }

  /**
   * The run with a measurement of every check due at {@code now}; a check that has already failed
   * is measured no more.
   *
   * @throws CheckUnusableException when a check cannot be measured at all; its message names the
   *     check and what it asks
   */
  public AnalysisRun measure(Instant now, CheckMeasurer measurer, Optional<String> prometheusUrl) {
    if (failed().isPresent()) {
      return this;
    }
    return new AnalysisRun(
        tallies.stream()
            .map(tally -> tally.due(now) ? measured(tally, now, measurer, prometheusUrl) : tally)
            .toList());
  }

  private static CheckTally measured(
      CheckTally tally, Instant now, CheckMeasurer measurer, Optional<String> prometheusUrl) {
    try {
      return tally.record(measurer.measure(tally, prometheusUrl), now);
    } catch (CheckUnusableException e) {
      throw new CheckUnusableException(
          tally.check().name() + ": " + e.getMessage() + ". " + tally.asked());
    }
  }

  /** The first check that failed: more failed measurements than it allows. */
  public Optional<CheckTally> failed() {
    return tallies.stream().filter(CheckTally::failedCheck).findFirst();
  }

  /** Every check took all its measurements (and none failed, or it would have stopped). */
  public boolean complete() {
    return tallies.stream().allMatch(CheckTally::complete);
  }

  public boolean isEmpty() {
    return tallies.isEmpty();
  }

  /** How long until the next measurement is due, from {@code now}; zero when one is due. */
  public Optional<Duration> nextIn(Instant now) {
    return tallies.stream()
        .filter(t -> !t.complete())
        .map(CheckTally::nextAt)
        .min(Instant::compareTo)
        .map(at -> at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
  }

  /** {@code error-ratio 0.001 ≤ 0.01 · 3/7 passed · web-5xx alarm OK · 2/4 passed}. */
  public String summary() {
    return tallies.stream().map(CheckTally::summary).collect(Collectors.joining(" · "));
  }
}
