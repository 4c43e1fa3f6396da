package dev.shipmate.pipelines.analysis;

import dev.shipmate.config.AnalysisCheck;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one check stands: how many of its measurements were taken, passed and failed, when the next
 * is due, and the last one in words. Immutable: each measurement gives a new tally.
 *
 * @param query the check's query, its placeholders filled in for this run; for a CloudWatch check,
 *     the alarm's name
 * @param last the last measurement in words ({@code 0.004 ≤ 0.01}, {@code no data})
 * @param lastFailure the last failed measurement in words, for the message when the check fails
 */
public record CheckTally(
    AnalysisCheck check,
    String query,
    int measured,
    int failed,
    Instant nextAt,
    Optional<String> last,
    Optional<String> lastFailure) {

  public CheckTally {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(nextAt, "nextAt");
    Objects.requireNonNull(last, "last");
    Objects.requireNonNull(lastFailure, "lastFailure");
  }

  /** Nothing measured yet; the first measurement is due at {@code start}. */
  public static CheckTally start(AnalysisCheck check, String query, Instant start) {
    return new CheckTally(check, query, 0, 0, start, Optional.empty(), Optional.empty());
  }

  public boolean due(Instant now) {
    return !complete() && !now.isBefore(nextAt);
  }

  /** Every measurement taken. */
  public boolean complete() {
    return measured >= check.count();
  }

  /** More measurements failed than the check allows: it has failed, whatever comes next. */
  public boolean failedCheck() {
    return failed > check.failureLimit();
  }

  public int passed() {
    return measured - failed;
  }

  /** The tally with {@code measurement}, taken at {@code at}, judged against the check's rule. */
  public CheckTally record(Measurement measurement, Instant at) {
    boolean passed;
    String words;
    if (measurement instanceof Measurement.Value value) {
      AnalysisCheck.Prometheus source = (AnalysisCheck.Prometheus) check.source();
      passed = Threshold.passes(source, value.value());
      words = Threshold.compared(source, value.value());
    } else if (measurement instanceof Measurement.AlarmState alarm) {
      passed = alarm.ok();
      // The reason says why an alarm fires; an OK alarm's reason is noise on the card.
      words =
          alarm.ok()
              ? "alarm OK"
              : "alarm " + alarm.state() + alarm.reason().map(r -> " (" + r + ")").orElse("");
    } else {
      String reason = ((Measurement.Inconclusive) measurement).reason();
      passed = check.inconclusive() == AnalysisCheck.Inconclusive.PASS;
      words = reason + (passed ? ", counted as passed" : ", counted as failed");
    }
    return new CheckTally(
        check,
        query,
        measured + 1,
        failed + (passed ? 0 : 1),
        at.plus(check.interval()),
        Optional.of(words),
        passed ? lastFailure : Optional.of(words));
  }

  /** {@code error-ratio 0.004 ≤ 0.01 · 6/6 passed}: for the card. */
  public String summary() {
    return check.name()
        + last.map(l -> " " + l).orElse("")
        + " · "
        + passed()
        + "/"
        + check.count()
        + " passed"
        + (failed > 0 ? " (" + failed + " failed, " + check.failureLimit() + " allowed)" : "");
  }

  /** Why the check failed, with its query and value: for the thread. */
  public String failure() {
    return check.name()
        + " failed: "
        + lastFailure.orElse("")
        + " · "
        + failed
        + " of "
        + measured
        + " measurements failed, "
        + check.failureLimit()
        + " allowed. "
        + asked();
  }

  /** What the check asks, for the thread: the query, or the alarm and its region. */
  public String asked() {
    if (check.source() instanceof AnalysisCheck.CloudWatch cloudWatch) {
      return "CloudWatch alarm: " + query + cloudWatch.region().map(r -> " in " + r).orElse("");
    }
    return "Query: " + query;
  }
}
