package dev.shipmate.pipelines.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreviewRefsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "3f2a9c1",
        "3f2a9c1e5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f2a",
        "v1.2.3",
        "pr-12_build.7",
        "_x",
        "A"
      })
  @DisplayName("a sha or a tag of Docker's grammar is accepted")
  void accepted(String ref) {
    assertThat(PreviewRefs.problem(ref)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "v1\u2028image: evil",
        "v1\u2029x",
        "v1\u0085x",
        "v1\nprivileged: true",
        "v1\rx",
        "-v1",
        ".v1",
        "v1 v2",
        "v1:latest",
        "\"v1\"",
        ""
      })
  @DisplayName("anything else, every Unicode line break included, is refused")
  void refused(String ref) {
    assertThat(PreviewRefs.problem(ref)).isPresent();
  }

  @Test
  @DisplayName("the refusal shows an invisible line break and says what to type")
  void wording() {
    assertThat(PreviewRefs.problem("v1\u2028image: evil"))
        .isEqualTo(
            Optional.of(
                "ref 'v1\\u2028image: evil' is neither a git sha (7 to 40 hex digits) nor an image"
                    + " tag (letters, digits, _ . -; up to 128, not starting with . or -): type"
                    + " --ref 3f2a9c1 or --ref v1.2.3."));
    assertThat(PreviewRefs.problem("v" + "1".repeat(128))).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r", "\u000B", "\u000C", "\u0085", "\u2028", "\u2029"})
  @DisplayName("no manifest value may hold any line break YAML knows")
  void manifestValues(String lineBreak) {
    assertThatThrownBy(
            () ->
                new ManifestValues(
                    Optional.empty(), "v1" + lineBreak + "x", "pr-1", "pr-1.example.com", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a manifest value cannot span lines: v1\\u");
    assertThatThrownBy(
            () ->
                new ManifestValues(
                    Optional.empty(), "v1", "pr-1", "pr-1" + lineBreak + ".example.com", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
