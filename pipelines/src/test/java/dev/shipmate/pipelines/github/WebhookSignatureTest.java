package dev.shipmate.pipelines.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  // GitHub's own example (docs: "Validating webhook deliveries").
  private static final String SECRET = "It's a Secret to Everybody";
  private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  private static final String GITHUB_SIGNATURE =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  @Test
  @DisplayName("accepts GitHub's documented example, in either case of hex")
  void valid() {
    assertThat(WebhookSignature.verify(SECRET, BODY, GITHUB_SIGNATURE)).isTrue();
    assertThat(WebhookSignature.verify(SECRET, BODY, GITHUB_SIGNATURE.toUpperCase())).isTrue();
    assertThat(WebhookSignature.sign(SECRET, BODY)).isEqualTo(GITHUB_SIGNATURE);
  }

  @Test
  @DisplayName("refuses a body changed by one byte")
  void tampered() {
    byte[] tampered = "Hello, World?".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignature.verify(SECRET, tampered, GITHUB_SIGNATURE)).isFalse();
  }

  @Test
  @DisplayName("refuses a signature made with another secret")
  void wrongSecret() {
    assertThat(WebhookSignature.verify("another secret", BODY, GITHUB_SIGNATURE)).isFalse();
  }

  @Test
  @DisplayName("refuses a missing, empty or malformed header without throwing")
  void malformed() {
    String hex = GITHUB_SIGNATURE.substring("sha256=".length());
    assertThat(WebhookSignature.verify(SECRET, BODY, null)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, BODY, "")).isFalse();
    assertThat(WebhookSignature.verify(SECRET, BODY, hex)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, BODY, "sha1=" + hex)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, BODY, "sha256=" + hex.substring(2))).isFalse();
    assertThat(WebhookSignature.verify(SECRET, BODY, "sha256=zz" + hex.substring(2))).isFalse();
  }

  @Test
  @DisplayName("refuses everything when no secret is configured")
  void noSecret() {
    assertThat(WebhookSignature.verify("", BODY, WebhookSignature.sign("x", BODY))).isFalse();
    assertThat(WebhookSignature.verify(null, BODY, GITHUB_SIGNATURE)).isFalse();
  }
}
