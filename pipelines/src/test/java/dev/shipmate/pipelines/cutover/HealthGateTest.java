package dev.shipmate.pipelines.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.config.Cutover;
import dev.shipmate.pipelines.cutover.HealthVerdict.HealthRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HealthGateTest {
  private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(5);
  private static final Duration INTERVAL = Duration.ofSeconds(10);

  private static final HealthGate GATE =
      HealthGate.of(
          new Cutover.Health(
              "https://green.example.com/healthz",
              0.9,
              Optional.of(Duration.ofMillis(500)),
              INTERVAL,
              Optional.empty()));

  /** One sample every 10 s from START, with these statuses and latencies in milliseconds. */
  private static HealthWindow window(int[] statuses, long[] millis) {
    List<HealthSample> samples = new ArrayList<>();
    for (int i = 0; i < statuses.length; i++) {
      samples.add(
          HealthSample.answered(
              START.plus(INTERVAL.multipliedBy(i)), statuses[i], Duration.ofMillis(millis[i])));
    }
    return new HealthWindow(WINDOW, START.plus(INTERVAL.multipliedBy(statuses.length)), samples);
  }

  private static int[] statuses(int count, int status) {
    int[] all = new int[count];
    java.util.Arrays.fill(all, status);
    return all;
  }

  private static long[] millis(int count, long value) {
    long[] all = new long[count];
    java.util.Arrays.fill(all, value);
    return all;
  }

  @Test
  @DisplayName("every probe 200 and fast: healthy, with the figures")
  void healthy() {
    HealthVerdict verdict = GATE.judge(window(statuses(10, 200), millis(10, 40)));

    assertThat(verdict).isInstanceOf(HealthVerdict.Healthy.class);
    assertThat(verdict.figures())
        .isEqualTo(
            new HealthFigures(
                10, 0, 1.0, Duration.ofMillis(40), Duration.ofMillis(40), Optional.empty()));
    assertThat(verdict.summary())
        .isEqualTo("healthy: 10/10 probes succeeded (100%), p50 40 ms, p99 40 ms");
  }

  @Test
  @DisplayName("fewer probes than the gate needs: not enough data, whatever they say")
  void notEnoughData() {
    HealthVerdict verdict = GATE.judge(window(new int[] {503, 503}, new long[] {5, 5}));

    assertThat(verdict).isInstanceOf(HealthVerdict.NotEnoughData.class);
    assertThat(verdict.summary()).isEqualTo("not enough data: 2 of 3 probes needed");
  }

  @Test
  @DisplayName("too many failures: unhealthy on minSuccess, with the ratio and the last failure")
  void tooManyFailures() {
    int[] statuses = statuses(10, 200);
    statuses[3] = 500;
    statuses[7] = 503;

    HealthVerdict verdict = GATE.judge(window(statuses, millis(10, 40)));

    assertThat(verdict)
        .isInstanceOfSatisfying(
            HealthVerdict.Unhealthy.class,
            u -> {
              assertThat(u.rule()).isEqualTo(HealthRule.MIN_SUCCESS);
              assertThat(u.figures().failures()).isEqualTo(2);
              assertThat(u.figures().successRatio()).isEqualTo(0.8);
              assertThat(u.figures().lastFailure()).contains("503");
              assertThat(u.reason())
                  .isEqualTo("80% of probes succeeded, below the 90% required (health.minSuccess)");
            });
  }

  @Test
  @DisplayName("slow answers: unhealthy on maxLatency by the p99, with p50 and p99")
  void tooSlow() {
    long[] millis = millis(10, 40);
    millis[9] = 900;

    HealthVerdict verdict = GATE.judge(window(statuses(10, 200), millis));

    assertThat(verdict)
        .isInstanceOfSatisfying(
            HealthVerdict.Unhealthy.class,
            u -> {
              assertThat(u.rule()).isEqualTo(HealthRule.MAX_LATENCY);
              assertThat(u.figures().p50()).isEqualTo(Duration.ofMillis(40));
              assertThat(u.figures().p99()).isEqualTo(Duration.ofMillis(900));
              assertThat(u.reason())
                  .isEqualTo("p99 latency 900 ms is over the 500 ms allowed (health.maxLatency)");
            });
  }

  @Test
  @DisplayName("without maxLatency, slow but successful answers are healthy")
  void noLatencyRule() {
    HealthGate gate = new HealthGate(0.9, Optional.empty(), 3);

    assertThat(gate.judge(window(statuses(5, 200), millis(5, 4_000))))
        .isInstanceOf(HealthVerdict.Healthy.class);
  }

  @Test
  @DisplayName("redirects and unanswered probes are failures")
  void redirectsAndNoAnswerFail() {
    List<HealthSample> samples =
        List.of(
            HealthSample.answered(START, 302, Duration.ofMillis(3)),
            HealthSample.unanswered(
                START.plusSeconds(10), Duration.ofMillis(1), "connection refused"),
            HealthSample.answered(START.plusSeconds(20), 204, Duration.ofMillis(3)));

    HealthFigures figures = HealthFigures.of(samples);

    assertThat(figures.failures()).isEqualTo(2);
    assertThat(figures.lastFailure()).contains("connection refused");
  }

  @Test
  @DisplayName("the window keeps only the samples of its last length, and moves as samples come")
  void windowSlides() {
    HealthWindow window = HealthWindow.empty(Duration.ofSeconds(30), START);
    for (int i = 1; i <= 6; i++) {
      Instant at = START.plusSeconds(10L * i);
      window = window.add(HealthSample.answered(at, i <= 3 ? 500 : 200, Duration.ofMillis(1)), at);
    }

    assertThat(window.start()).isEqualTo(START.plusSeconds(30));
    assertThat(window.samples())
        .extracting(HealthSample::status)
        .containsExactly(500, 200, 200, 200);
  }

  @Test
  @DisplayName("percentiles are by nearest rank")
  void percentiles() {
    List<Duration> sorted = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      sorted.add(Duration.ofMillis(i));
    }

    assertThat(HealthFigures.percentile(sorted, 50)).isEqualTo(Duration.ofMillis(100));
    assertThat(HealthFigures.percentile(sorted, 99)).isEqualTo(Duration.ofMillis(198));
    assertThat(HealthFigures.percentile(List.of(), 99)).isEqualTo(Duration.ZERO);
  }
}
