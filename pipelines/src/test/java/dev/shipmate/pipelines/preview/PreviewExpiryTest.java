package dev.shipmate.pipelines.preview;

import static dev.shipmate.pipelines.preview.PreviewFixtures.T0;
import static dev.shipmate.pipelines.preview.PreviewFixtures.preview;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PreviewExpiryTest {
  private static final Instant NOW = T0.plus(Duration.ofDays(1));
  private final PreviewExpiry expiry = new PreviewExpiry(Clock.fixed(NOW, ZoneOffset.UTC));

  @Nested
  @DisplayName("setting the expiry")
  class Setting {
    @Test
    @DisplayName("a new preview lives its time to live from now")
    void start() {
      assertThat(expiry.start(Duration.ofHours(72)))
          .isEqualTo(new Expiry(NOW.plus(Duration.ofHours(72)), false, Duration.ofDays(14)));
    }

    @Test
    @DisplayName("extending adds to the current expiry, not to now")
    void extend() {
      Instant current = NOW.plus(Duration.ofHours(5));

      assertThat(expiry.extend(current, Duration.ofHours(24)).at())
          .isEqualTo(current.plus(Duration.ofHours(24)));
    }

    @Test
    @DisplayName("extending an expiry already past adds to now")
    void extendPast() {
      assertThat(expiry.extend(NOW.minusSeconds(60), Duration.ofHours(24)).at())
          .isEqualTo(NOW.plus(Duration.ofHours(24)));
    }

    @Test
    @DisplayName("nothing is ever set more than 14 days ahead, and the expiry says it was cut")
    void capped() {
      Expiry started = expiry.start(Duration.ofDays(30));
      Expiry extended = expiry.extend(NOW.plus(Duration.ofDays(13)), Duration.ofDays(2));

      assertThat(started)
          .isEqualTo(new Expiry(NOW.plus(Duration.ofDays(14)), true, Duration.ofDays(14)));
      assertThat(extended.at()).isEqualTo(NOW.plus(Duration.ofDays(14)));
      assertThat(extended.capped()).isTrue();
    }

    @Test
    @DisplayName("a zero or negative duration is refused")
    void notPositive() {
      assertThatThrownBy(() -> expiry.start(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> expiry.extend(NOW, Duration.ofHours(-1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  @DisplayName("sweeping")
  class Sweeping {
    private final Preview past = preview(1, T0, NOW.minus(Duration.ofHours(2)));
    private final Preview justNow = preview(2, T0, NOW);
    private final Preview inHalfAnHour = preview(3, T0, NOW.plus(Duration.ofMinutes(30)));
    private final Preview inAnHour = preview(4, T0, NOW.plus(Duration.ofHours(1)));
    private final Preview tomorrow = preview(5, T0, NOW.plus(Duration.ofDays(1)));
    private final List<Preview> all = List.of(tomorrow, inAnHour, inHalfAnHour, justNow, past);

    @Test
    @DisplayName("expired: those whose expiry is not after now, the longest expired first")
    void expired() {
      assertThat(expiry.expired(all)).extracting(Preview::pr).containsExactly(1, 2);
    }

    @Test
    @DisplayName("a preview already being deleted is not swept again")
    void terminating() {
      assertThat(expiry.expired(List.of(PreviewFixtures.with(past, PreviewStatus.TERMINATING))))
          .isEmpty();
    }

    @Test
    @DisplayName("warned: those expiring within the hour, soonest first")
    void warning() {
      assertThat(expiry.dueForWarning(all)).extracting(Preview::pr).containsExactly(3, 4);
    }

    @Test
    @DisplayName("the warning is sent once per expiry, and again after an extension")
    void warnedOnce() {
      Preview warned = PreviewFixtures.warned(inHalfAnHour, inHalfAnHour.expiresAt());
      Preview warnedForAnEarlierExpiry =
          PreviewFixtures.warned(inAnHour, inAnHour.expiresAt().minus(Duration.ofDays(1)));

      assertThat(expiry.dueForWarning(List.of(warned, warnedForAnEarlierExpiry)))
          .extracting(Preview::pr)
          .containsExactly(4);
    }
  }
}
