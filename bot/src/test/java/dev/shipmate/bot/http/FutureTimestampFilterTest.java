package dev.shipmate.bot.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FutureTimestampFilterTest {

  private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  private static boolean acceptable(Instant stamped) {
    return FutureTimestampFilter.acceptable(
        Long.toString(stamped.getEpochSecond()), NOW, FIVE_MINUTES);
  }

  @Test
  @DisplayName("a request stamped now, or in the past, goes on to Bolt (which judges staleness)")
  void presentAndPastPass() {
    assertThat(acceptable(NOW)).isTrue();
    assertThat(acceptable(NOW.minus(Duration.ofHours(1)))).isTrue();
  }

  @Test
  @DisplayName("a request stamped up to exactly five minutes ahead passes: clocks drift")
  void smallSkewPasses() {
    assertThat(acceptable(NOW.plus(FIVE_MINUTES))).isTrue();
  }

  @Test
  @DisplayName("a request stamped more than five minutes ahead is refused")
  void farFutureIsRefused() {
    assertThat(acceptable(NOW.plus(FIVE_MINUTES).plusSeconds(1))).isFalse();
    assertThat(acceptable(NOW.plus(Duration.ofMinutes(6)))).isFalse();
    assertThat(FutureTimestampFilter.acceptable(Long.toString(Long.MAX_VALUE), NOW, FIVE_MINUTES))
        .isFalse();
  }

  @Test
  @DisplayName("a timestamp that is not a number of seconds is refused")
  void garbageIsRefused() {
    assertThat(FutureTimestampFilter.acceptable("soon", NOW, FIVE_MINUTES)).isFalse();
    assertThat(FutureTimestampFilter.acceptable("", NOW, FIVE_MINUTES)).isFalse();
    assertThat(FutureTimestampFilter.acceptable("1.5e9", NOW, FIVE_MINUTES)).isFalse();
  }
}
