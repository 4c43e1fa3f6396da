package dev.shipmate.pipelines.preview;

import static dev.shipmate.pipelines.preview.PreviewFixtures.T0;
import static dev.shipmate.pipelines.preview.PreviewFixtures.preview;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PreviewLimitsTest {
  private final PreviewLimits limits = new PreviewLimits(3);

  // Given three previews, made in the order 7, 12, 3 (listed in another order)
  private final List<Preview> full =
      List.of(
          preview(3, T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofDays(3))),
          preview(12, T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofDays(3))),
          preview(7, T0, T0.plus(Duration.ofDays(3))));

  @Test
  @DisplayName("below the limit a new preview is allowed")
  void room() {
    assertThat(limits.check(full.subList(0, 2), 40)).isEqualTo(new LimitDecision.Allowed());
  }

  @Test
  @DisplayName("at the limit a pull request that has a preview may still update it")
  void updateInPlace() {
    assertThat(limits.check(full, 12)).isEqualTo(new LimitDecision.Allowed());
  }

  @Test
  @DisplayName("at the limit a new one is refused, naming the oldest and how to remove one")
  void refused() {
    LimitDecision decision = limits.check(full, 40);

    assertThat(decision).isInstanceOf(LimitDecision.Refused.class);
    LimitDecision.Refused refused = (LimitDecision.Refused) decision;
    assertThat(refused.oldest()).extracting(Preview::pr).containsExactly(7, 12, 3);
    assertThat(refused.message())
        .isEqualTo(
            "no preview for pr-40: 3 previews exist and the limit is 3. The oldest: pr-7 (by U07,"
                + " since 2026-11-21T10:00:00Z), pr-12 (by U012, since 2026-11-21T11:00:00Z),"
                + " pr-3 (by U03, since 2026-11-21T12:00:00Z). Remove one with /env down pr-7,"
                + " then try again.");
  }

  @Test
  @DisplayName("a preview being deleted does not count against the limit")
  void terminatingDoesNotCount() {
    List<Preview> leaving =
        List.of(
            full.get(0), full.get(1), PreviewFixtures.with(full.get(2), PreviewStatus.TERMINATING));

    assertThat(limits.check(leaving, 40)).isEqualTo(new LimitDecision.Allowed());
  }

  @Test
  @DisplayName("a limit below 1 is a programming error")
  void badLimit() {
    assertThatThrownBy(() -> new PreviewLimits(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
