package dev.shipmate.pipelines.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ImageTagsTest {
  @Test
  @DisplayName("the tag is what follows the last ':' after the last '/', not a registry's port")
  void tagAndRepository() {
    assertThat(ImageTags.version("registry.example.com:5000/acme/web:v1.2")).isEqualTo("v1.2");
    assertThat(ImageTags.repository("registry.example.com:5000/acme/web:v1.2"))
        .isEqualTo("registry.example.com:5000/acme/web");
    assertThat(ImageTags.repository("registry.example.com:5000/acme/web"))
        .isEqualTo("registry.example.com:5000/acme/web");
  }

  @Test
  @DisplayName("a digest gives way to the tag, else shows short; a bare repository is latest")
  void digestsAndLatest() {
    String digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    assertThat(ImageTags.version("acme/web:v1.2@" + digest)).isEqualTo("v1.2");
    assertThat(ImageTags.version("acme/web@" + digest)).isEqualTo("sha256:0123456789ab");
    assertThat(ImageTags.repository("acme/web:v1.2@" + digest)).isEqualTo("acme/web");
    assertThat(ImageTags.version("acme/web")).isEqualTo("latest");
  }

  @Test
  @DisplayName("a tag is up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'")
  void validTags() {
    assertThat(ImageTags.isValidTag("v1.2")).isTrue();
    assertThat(ImageTags.isValidTag("1.2.3-rc_1")).isTrue();
    assertThat(ImageTags.isValidTag("a".repeat(128))).isTrue();
    assertThat(ImageTags.isValidTag("a".repeat(129))).isFalse();
    assertThat(ImageTags.isValidTag(".v1")).isFalse();
    assertThat(ImageTags.isValidTag("v1 2")).isFalse();
    assertThat(ImageTags.isValidTag("")).isFalse();
    assertThat(ImageTags.isValidTag(null)).isFalse();
  }
}
