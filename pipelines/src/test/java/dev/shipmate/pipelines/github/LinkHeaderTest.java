package dev.shipmate.pipelines.github;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {
  @Test
  @DisplayName("finds the next page among GitHub's links, wherever it stands")
  void next() {
    String header =
        "<https://api.github.com/repositories/1/issues/12/comments?per_page=100&page=1>;"
            + " rel=\"prev\", <https://api.github.com/repositories/1/issues/12/comments"
            + "?per_page=100&page=3>; rel=\"next\", <https://api.github.com/repositories/1/issues"
            + "/12/comments?per_page=100&page=5>; rel=\"last\"";

    assertThat(LinkHeader.next(header))
        .contains("https://api.github.com/repositories/1/issues/12/comments?per_page=100&page=3");
  }

  @Test
  @DisplayName("no next page on the last page, nor without a header")
  void none() {
    assertThat(LinkHeader.next("<https://api.github.com/x?page=1>; rel=\"first\"")).isEmpty();
    assertThat(LinkHeader.next(null)).isEmpty();
  }
}
