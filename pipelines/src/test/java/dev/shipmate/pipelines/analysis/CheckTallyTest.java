package dev.shipmate.pipelines.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.config.AnalysisCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The verdict of a check: each measurement judged, failures counted against the limit. */
class CheckTallyTest {
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static final String QUERY = "max(http_error_ratio{deployment=\"web\"})";

  private static AnalysisCheck check(
      int count, int failureLimit, AnalysisCheck.Inconclusive inconclusive) {
    return new AnalysisCheck(
        "error-ratio",
        new AnalysisCheck.Prometheus(QUERY, Optional.of(0.01), Optional.empty()),
        Duration.ofSeconds(10),
        count,
        failureLimit,
        inconclusive);
  }

  @Test
  @DisplayName("values under max pass; the check completes after count measurements")
  void passes() {
    CheckTally tally = CheckTally.start(check(3, 0, AnalysisCheck.Inconclusive.FAIL), QUERY, T0);
    assertThat(tally.due(T0)).isTrue();
    tally = tally.record(new Measurement.Value(0.004), T0);
    assertThat(tally.nextAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(tally.due(T0.plusSeconds(9))).isFalse();
    tally = tally.record(new Measurement.Value(0.01), T0.plusSeconds(10));
    assertThat(tally.complete()).isFalse();
    tally = tally.record(new Measurement.Value(0.001), T0.plusSeconds(20));

    assertThat(tally.complete()).isTrue();
    assertThat(tally.failedCheck()).isFalse();
    assertThat(tally.due(T0.plusSeconds(60))).isFalse();
    assertThat(tally.summary()).isEqualTo("error-ratio 0.001 ≤ 0.01 · 3/3 passed");
  }

  @Test
  @DisplayName("more failures than failureLimit fail the check, naming the value and the query")
  void fails() {
    CheckTally tally = CheckTally.start(check(6, 1, AnalysisCheck.Inconclusive.FAIL), QUERY, T0);
    tally = tally.record(new Measurement.Value(0.3), T0);
    assertThat(tally.failedCheck()).as("one failure is allowed").isFalse();
    assertThat(tally.summary())
        .isEqualTo("error-ratio 0.3 > 0.01 · 0/6 passed (1 failed, 1 allowed)");
    tally = tally.record(new Measurement.Value(0.002), T0.plusSeconds(10));
    tally = tally.record(new Measurement.Value(0.25), T0.plusSeconds(20));

    assertThat(tally.failedCheck()).isTrue();
    assertThat(tally.failure())
        .isEqualTo(
            "error-ratio failed: 0.25 > 0.01 · 2 of 3 measurements failed, 1 allowed. Query: "
                + QUERY);
  }

  @Test
  @DisplayName("no data counts as the check's inconclusive rule says")
  void inconclusive() {
    Measurement none = new Measurement.Inconclusive("no data (the query returned no series)");
    CheckTally failing =
        CheckTally.start(check(2, 0, AnalysisCheck.Inconclusive.FAIL), QUERY, T0).record(none, T0);
    CheckTally passing =
        CheckTally.start(check(2, 0, AnalysisCheck.Inconclusive.PASS), QUERY, T0).record(none, T0);

    assertThat(failing.failedCheck()).isTrue();
    assertThat(failing.failure())
        .startsWith(
            "error-ratio failed: no data (the query returned no series), counted as failed");
    assertThat(passing.failedCheck()).isFalse();
    assertThat(passing.summary())
        .isEqualTo(
            "error-ratio no data (the query returned no series), counted as passed · 1/2 passed");
  }

  @Test
  @DisplayName("min is a lower bound, shown with ≥ or <")
  void min() {
    AnalysisCheck traffic =
        new AnalysisCheck(
            "traffic",
            new AnalysisCheck.Prometheus("q", Optional.empty(), Optional.of(5.0)),
            Duration.ofSeconds(10),
            2,
            0,
            AnalysisCheck.Inconclusive.FAIL);
    CheckTally tally = CheckTally.start(traffic, "q", T0).record(new Measurement.Value(40), T0);
    assertThat(tally.summary()).isEqualTo("traffic 40 ≥ 5 · 1/2 passed");
    tally = tally.record(new Measurement.Value(2.5), T0.plusSeconds(10));
    assertThat(tally.failedCheck()).isTrue();
    assertThat(tally.failure()).startsWith("traffic failed: 2.5 < 5 ·");
  }

  @Test
  @DisplayName("a query's placeholders are filled in from the run, PromQL's braces left alone")
  void template() {
    assertThat(
            QueryTemplate.fill(
                "sum(http_error_ratio{namespace=\"{namespace}\", deployment=\"{service}\"})",
                Map.of("namespace", "staging", "service", "web")))
        .isEqualTo("sum(http_error_ratio{namespace=\"staging\", deployment=\"web\"})");
  }
}
