package dev.shipmate.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Suggestions")
class SuggestionsTest {

  @Test
  @DisplayName("the nearest name within a few typos, or the only one that extends the text")
  void closest() {
    List<String> environments = List.of("staging", "prod");

    assertThat(Suggestions.closest("prdo", environments)).contains("prod");
    assertThat(Suggestions.closest("PROD", List.of("prod-eu"))).contains("prod-eu");
    assertThat(Suggestions.closest("stag", environments)).contains("staging");
    assertThat(Suggestions.closest("qa", environments)).isEmpty();
    assertThat(Suggestions.closest("x", List.of("y"))).isEmpty();
    assertThat(Suggestions.closest("p", environments)).isEmpty();
  }

  @Test
  @DisplayName("long text is cut short when echoed, and lists read as English")
  void phrasing() {
    assertThat(Suggestions.quote("x".repeat(41))).isEqualTo("'" + "x".repeat(40) + "…'");
    assertThat(Suggestions.or(List.of("a", "b", "c"))).isEqualTo("a, b or c");
    assertThat(Suggestions.and(List.of("a"))).isEqualTo("a");
    assertThat(Suggestions.names(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")))
        .isEqualTo("1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 1 more");
  }
}
