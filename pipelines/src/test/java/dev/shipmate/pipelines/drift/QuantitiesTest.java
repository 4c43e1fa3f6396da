package dev.shipmate.pipelines.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantitiesTest {

  @ParameterizedTest(name = "{0} = {1}")
  @DisplayName("quantities written differently have the same value")
  @CsvSource({
    "500m, 0.5",
    "1Gi, 1024Mi",
    "1k, 1000",
    "1e3, 1000",
    "2E, 2000000000000000000",
    "0.25Ki, 256",
    "100u, 0.0001",
    "1, 1000m"
  })
  void same(String a, String b) {
    assertThat(Quantities.sameValue(a, b)).isTrue();
  }

  @ParameterizedTest(name = "{0} ≠ {1}")
  @DisplayName("different values, or text that is not a quantity, are not the same")
  @CsvSource({"1G, 1Gi", "500m, 0.6", "fast, fast", "1.2.3, 1.2.3"})
  void different(String a, String b) {
    assertThat(Quantities.sameValue(a, b)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("a quantity parses to its value")
  @CsvSource({"128Mi, 134217728", "1.5, 1.5", "-2m, -0.002"})
  void parse(String text, String value) {
    assertThat(Quantities.parse(text))
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(new BigDecimal(value)));
  }
}
