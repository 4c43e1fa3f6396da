package dev.shipmate.bot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignatureFailuresTest {

  @Test
  @DisplayName(
      "every refusal is counted under its endpoint; at most one log line per interval, the next"
          + " one once it has passed")
  void countsAllLogsFew() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
    SignatureFailures slack =
        new SignatureFailures(registry, "/slack/events", clock, Duration.ofMinutes(1));
    SignatureFailures github =
        new SignatureFailures(registry, "/github/webhook", clock, Duration.ofMinutes(1));

    assertThat(slack.refused("a wrong signature")).isTrue();
    for (int i = 0; i < 99; i++) {
      assertThat(slack.refused("a wrong signature")).isFalse();
      clock.advance(Duration.ofMillis(500));
    }
    assertThat(github.refused("a wrong signature")).as("its own interval").isTrue();
    clock.advance(Duration.ofSeconds(11));
    assertThat(slack.refused("a wrong signature")).isTrue();

    assertThat(slack.count()).isEqualTo(101);
    assertThat(
            registry
                .get(SignatureFailures.METER)
                .tag("endpoint", "/slack/events")
                .counter()
                .count())
        .isEqualTo(101);
    assertThat(
            registry
                .get(SignatureFailures.METER)
                .tag("endpoint", "/github/webhook")
                .counter()
                .count())
        .isEqualTo(1);
  }
}
