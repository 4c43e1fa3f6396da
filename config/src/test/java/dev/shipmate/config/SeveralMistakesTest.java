package dev.shipmate.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One pass finds every mistake of a file, in the file's order, and nothing is half-loaded. */
class SeveralMistakesTest {
  @Test
  @DisplayName("a configuration with three mistakes in different sections yields all three")
  void threeMistakes() {
    // Given a typo, a wrong reference and a bad duration, the reference written before its target
    String yaml =
        """
        environments:
          prod: { cluster: main, namespace: prod, deployers: [U01A] }
        clusters:
          prod-eu: { context: prod-eu, opertors: [U01A] }
        previews:
          cluster: prod-eu
          namespace: pr-{number}
          host: pr-{number}.example.com
          manifests: examples/previews/web
          ttl: 3 days
        """;
    // When it is loaded
    LoadResult result = Configs.parse(yaml);
    // Then all three are reported, in the order of the file, and there is no configuration
    assertThat(Configs.errors(result))
        .containsExactly(
            "environments.prod.cluster (line 2): no cluster named 'main' (known: prod-eu)",
            "clusters.prod-eu.opertors (line 4): unknown key 'opertors': did you mean"
                + " 'operators'?",
            "previews.ttl (line 10): expected " + Durations.EXPECTED + ", got '3 days'");
    assertThat(result.config()).isEmpty();
    assertThat(result.ok()).isFalse();
  }

  @Test
  @DisplayName("orThrow lists every error in its message")
  void orThrow() {
    LoadResult result = Configs.parse("store:\n  url: mysql://x\n  flavour: h2\n");
    InvalidConfigException thrown =
        org.junit.jupiter.api.Assertions.assertThrows(
            InvalidConfigException.class, result::orThrow);
    assertThat(thrown.errors()).hasSize(2);
    assertThat(thrown.getMessage())
        .startsWith("2 configuration error(s):")
        .contains("store.flavour");
  }
}
