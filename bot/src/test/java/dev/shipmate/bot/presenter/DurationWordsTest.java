package dev.shipmate.bot.presenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("DurationWords writes durations the way a channel reads them")
class DurationWordsTest {

  @ParameterizedTest(name = "{0} s → {1}")
  @CsvSource({"0, 0s", "45, 45s", "192, 3m12s", "605, 10m05s", "3900, 1h05m", "187200, 2d4h"})
  @DisplayName("seconds become the largest two units")
  void words(long seconds, String words) {
    assertThat(DurationWords.of(Duration.ofSeconds(seconds))).isEqualTo(words);
  }
}
