package dev.shipmate.bot.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReadLimiterTest {

  @Test
  @DisplayName("a sliding window per person: the oldest read leaving the window frees one place")
  void slidingWindow() {
    ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
    ReadLimiter limiter = new ReadLimiter(3, Duration.ofMinutes(1), clock);

    assertThat(limiter.take("U1")).isEmpty();
    clock.advance(Duration.ofSeconds(10));
    assertThat(limiter.take("U1")).isEmpty();
    assertThat(limiter.take("U1")).isEmpty();
    assertThat(limiter.take("U1")).hasValueSatisfying(t -> assertThat(t).contains("in 50 s"));
    assertThat(limiter.take("U2")).as("another person").isEmpty();

    clock.advance(Duration.ofSeconds(50));
    assertThat(limiter.take("U1")).as("the first read has left the window").isEmpty();
    assertThat(limiter.take("U1")).hasValueSatisfying(t -> assertThat(t).contains("in 10 s"));
  }
}
