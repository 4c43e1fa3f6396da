package dev.shipmate.pipelines.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WeightsTest {

  @Test
  @DisplayName("a percentage becomes green weight out of 100, the rest to blue")
  void fromPercentage() {
    assertThat(Weights.ofGreenPercent(25)).isEqualTo(new Weights(75, 25));
    assertThat(Weights.ofGreenPercent(0)).isEqualTo(new Weights(100, 0));
    assertThat(Weights.ofGreenPercent(100)).isEqualTo(new Weights(0, 100));
  }

  @Test
  @DisplayName("both weights at 0 are refused: Route53 would split the traffic evenly")
  void bothZeroRefused() {
    assertThatThrownBy(() -> new Weights(0, 0))
        .isInstanceOf(CutoverRefusedException.class)
        .hasMessageContaining("both blue and green at weight 0")
        .hasMessageContaining("splits the traffic evenly")
        .hasMessageContaining("0%")
        .hasMessageContaining("100%");
  }

  @Test
  @DisplayName("weights beyond Route53's 0–255 and percentages beyond 0–100 are refused")
  void outOfRange() {
    assertThatThrownBy(() -> new Weights(256, 0))
        .isInstanceOf(CutoverRefusedException.class)
        .hasMessageContaining("0 to 255");
    assertThatThrownBy(() -> new Weights(10, -1)).isInstanceOf(CutoverRefusedException.class);
    assertThatThrownBy(() -> Weights.ofGreenPercent(101))
        .isInstanceOf(CutoverRefusedException.class)
        .hasMessageContaining("101%")
        .hasMessageContaining("/cutover www 25%");
  }

  @Test
  @DisplayName("shares are compared whatever the totals: 150/50 sends what 75/25 sends")
  void sameShares() {
    assertThat(new Weights(150, 50).sameSharesAs(Weights.ofGreenPercent(25))).isTrue();
    assertThat(new Weights(150, 50).greenPercent()).isEqualTo(25.0);
    assertThat(new Weights(2, 1).sameSharesAs(Weights.ofGreenPercent(33))).isFalse();
  }

  @Test
  @DisplayName("a pair read with both weights at 0 counts as the even split Route53 makes of it")
  void liveBothZero() {
    WeightedPair pair = Pairs.at(0, 0);

    assertThat(pair.bothZero()).isTrue();
    assertThat(pair.weights().greenPercent()).isEqualTo(50.0);
  }
}
