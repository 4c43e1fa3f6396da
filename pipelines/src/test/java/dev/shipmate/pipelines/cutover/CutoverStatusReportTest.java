package dev.shipmate.pipelines.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CutoverStatusReportTest {

  @Test
  @DisplayName("live weights are reported as shares of traffic, with the green side's health")
  void sharesAndHealth() {
    HealthFigures figures =
        new HealthFigures(
            30, 1, 29 / 30.0, Duration.ofMillis(42), Duration.ofMillis(310), Optional.of("503"));
    CutoverStatusReport report =
        new CutoverStatusReport(
            "www", Pairs.at(150, 50), Optional.of(new HealthVerdict.Healthy(figures)));

    assertThat(report.greenPercent()).isEqualTo(25.0);
    assertThat(report.text())
        .isEqualTo(
            """
            www (www.example.com. CNAME in zone Z0EXAMPLE): blue 75% · green 25% (weights 150/50)
            Green health: healthy: 29/30 probes succeeded (96.7%), p50 42 ms, p99 310 ms, last\
             failure: 503""");
  }

  @Test
  @DisplayName("both weights at 0 are reported as the even split Route53 makes of them")
  void bothZero() {
    CutoverStatusReport report = new CutoverStatusReport("www", Pairs.at(0, 0), Optional.empty());

    assertThat(report.text())
        .startsWith(
            "www (www.example.com. CNAME in zone Z0EXAMPLE): blue 50% · green 50% (weights 0/0:"
                + " both 0, so Route53 splits evenly)")
        .endsWith("Green health: not probed");
  }
}
