package dev.shipmate.config.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EditDistanceTest {

  @Test
  @DisplayName("counts inserts, deletes and substitutions as one edit each")
  void levenshtein() {
    assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
    assertThat(EditDistance.between("", "abc")).isEqualTo(3);
    assertThat(EditDistance.between("web", "web")).isZero();
  }

  @Test
  @DisplayName("counts a swap of two neighbours as one edit")
  void transpositions() {
    assertThat(EditDistance.between("wbe", "web")).isEqualTo(1);
    assertThat(EditDistance.between("stauts", "status")).isEqualTo(1);
  }

  @Test
  @DisplayName("is the same in both directions")
  void symmetric() {
    assertThat(EditDistance.between("botToken", "bot_tokn"))
        .isEqualTo(EditDistance.between("bot_tokn", "botToken"));
  }
}
