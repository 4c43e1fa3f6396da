package dev.shipmate.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ManualClockTest {

  @Test
  @DisplayName("a zone view of a ManualClock moves with it")
  void zoneViewSharesTheInstant() {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.advance(Duration.ofMinutes(5));

    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(paris.instant()).isEqualTo(Instant.parse("2026-11-21T10:05:00Z"));
    assertThat(clock.getZone()).isEqualTo(java.time.ZoneOffset.UTC);
  }
}
