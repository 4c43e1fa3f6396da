package dev.shipmate.pipelines.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Kubernetes minor versions")
class MinorVersionTest {

  @ParameterizedTest
  @ValueSource(strings = {"1.32", "v1.32.9", "1.32.9", "v1.32.9-eks-1234abc", " 1.32 "})
  @DisplayName("what people type, kubelets report and EKS says all read as 1.32")
  void reads(String text) {
    assertThat(MinorVersion.of(text)).isEqualTo(new MinorVersion(1, 32));
  }

  @ParameterizedTest
  @ValueSource(strings = {"latest", "1", "v1", "1.x", ""})
  @DisplayName("texts naming no minor version are not versions")
  void refuses(String text) {
    assertThat(MinorVersion.parse(text)).isEmpty();
  }

  @Test
  @DisplayName("orders by major, then minor, numerically")
  void orders() {
    assertThat(MinorVersion.of("1.9").isBefore(MinorVersion.of("1.10"))).isTrue();
    assertThat(MinorVersion.of("2.0").isAfter(MinorVersion.of("1.99"))).isTrue();
    assertThat(MinorVersion.of("1.31").next()).hasToString("1.32");
  }

  @Test
  @DisplayName("of() says what it could not read")
  void explains() {
    assertThatThrownBy(() -> MinorVersion.of("latest")).hasMessageContaining("latest");
  }
}
