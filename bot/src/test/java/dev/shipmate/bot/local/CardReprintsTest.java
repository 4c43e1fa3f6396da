package dev.shipmate.bot.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CardReprintsTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final CardReprints reprints = new CardReprints(clock);

  @Test
  void aNewCardIsPrintedAndTheSameTextIsNotPrintedAgain() {
    assertThat(reprints.shouldPrint("C1/1", "bake · waiting for Route53")).isTrue();
    clock.advance(Duration.ofMinutes(5));
    assertThat(reprints.shouldPrint("C1/1", "bake · waiting for Route53")).isFalse();
  }

  @Test
  void changedWordsArePrintedAtOnce() {
    reprints.shouldPrint("C1/1", "bake · not enough data: 1 of 3 probes needed");
    clock.advance(Duration.ofSeconds(2));
    assertThat(reprints.shouldPrint("C1/1", "bake · healthy: 3/3 probes succeeded")).isTrue();
    clock.advance(Duration.ofSeconds(2));
    assertThat(reprints.shouldPrint("C1/1", "bake · succeeded in 31s")).isTrue();
  }

  @Test
  void changedFiguresAlonePrintAtMostOncePerInterval() {
    reprints.shouldPrint("C1/1", "healthy: 3/3 probes succeeded, p50 6 ms");
    clock.advance(Duration.ofSeconds(2));
    assertThat(reprints.shouldPrint("C1/1", "healthy: 4/4 probes succeeded, p50 7 ms")).isFalse();
    clock.advance(CardReprints.FIGURES_EVERY.minusSeconds(2));
    assertThat(reprints.shouldPrint("C1/1", "healthy: 11/11 probes succeeded, p50 7 ms")).isTrue();
    clock.advance(Duration.ofSeconds(2));
    assertThat(reprints.shouldPrint("C1/1", "healthy: 12/12 probes succeeded, p50 7 ms")).isFalse();
  }

  @Test
  void cardsAreJudgedEachOnItsOwn() {
    reprints.shouldPrint("C1/1", "healthy: 3/3");
    assertThat(reprints.shouldPrint("C1/2", "healthy: 3/3")).isTrue();
    assertThat(reprints.shouldPrint("C1/2", "healthy: 4/4")).isFalse();
  }
}
