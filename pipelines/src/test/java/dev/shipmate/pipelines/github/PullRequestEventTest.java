package dev.shipmate.pipelines.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PullRequestEventTest {
  private static byte[] delivery() throws IOException {
    try (InputStream in =
        PullRequestEventTest.class.getResourceAsStream("/github/pull_request.synchronize.json")) {
      return in.readAllBytes();
    }
  }

  private static String deliveryText() throws IOException {
    return new String(delivery(), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("reads what previews need from a real synchronize delivery")
  void synchronize() throws IOException {
    PullRequestEvent event = PullRequestEvent.parse(delivery());

    assertThat(event)
        .isEqualTo(
            new PullRequestEvent(
                PullRequestAction.SYNCHRONIZE,
                "synchronize",
                123,
                "3f2a9c1e5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f2a",
                "feature/remember-user",
                "acme/web",
                Optional.of("acme/web"),
                "octocat",
                false));
    assertThat(event.fromFork()).isFalse();
  }

  @Test
  @DisplayName("tells opened, reopened and closed (merged or not) apart, and others as OTHER")
  void actions() throws IOException {
    String text = deliveryText();

    PullRequestEvent merged =
        PullRequestEvent.parse(
            bytes(
                text.replace("\"action\": \"synchronize\"", "\"action\": \"closed\"")
                    .replace("\"merged\": false", "\"merged\": true")));
    PullRequestEvent labeled =
        PullRequestEvent.parse(
            bytes(text.replace("\"action\": \"synchronize\"", "\"action\": \"labeled\"")));

    assertThat(merged.action()).isEqualTo(PullRequestAction.CLOSED);
    assertThat(merged.merged()).isTrue();
    assertThat(labeled.action()).isEqualTo(PullRequestAction.OTHER);
    assertThat(labeled.rawAction()).isEqualTo("labeled");
    for (String action : new String[] {"opened", "reopened"}) {
      assertThat(
              PullRequestEvent.parse(
                      bytes(
                          text.replace(
                              "\"action\": \"synchronize\"", "\"action\": \"" + action + "\"")))
                  .rawAction())
          .isEqualTo(action);
    }
  }

  @Test
  @DisplayName("a pull request from a fork says so")
  void fork() throws IOException {
    String text = deliveryText();
    int head = text.indexOf("\"head\"");
    int base = text.indexOf("\"base\"");
    String fromFork =
        text.substring(0, head)
            + text.substring(head, base)
                .replace("\"full_name\": \"acme/web\"", "\"full_name\": \"mallory/web\"")
            + text.substring(base);

    PullRequestEvent event = PullRequestEvent.parse(bytes(fromFork));

    assertThat(event.headRepo()).contains("mallory/web");
    assertThat(event.repo()).isEqualTo("acme/web");
    assertThat(event.fromFork()).isTrue();
  }

  @Test
  @DisplayName("refuses a body that is not JSON, or lacks what previews need, naming the fields")
  void refused() {
    assertThatThrownBy(() -> PullRequestEvent.parse(bytes("{ nope")))
        .isInstanceOf(WebhookPayloadException.class)
        .hasMessageStartingWith("the pull_request delivery is not JSON");
    assertThatThrownBy(
            () ->
                PullRequestEvent.parse(bytes("{\"action\":\"opened\",\"zen\":\"Keep it simple\"}")))
        .isInstanceOf(WebhookPayloadException.class)
        .hasMessage(
            "the pull_request delivery lacks pull_request.number, pull_request.head.sha,"
                + " pull_request.head.ref, repository.full_name, sender.login");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
