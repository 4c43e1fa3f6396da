package dev.shipmate.bot.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConsoleRendererTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final ConsoleRenderer renderer = new ConsoleRenderer();

  private static JsonNode golden(String name) throws Exception {
    return JSON.readTree(Files.readString(Path.of("src/test/resources/golden", name)));
  }

  @Test
  @DisplayName("a card awaiting approval reads as plain text with its buttons in brackets")
  void cardAsPlainText() throws Exception {
    // Given the renderer's golden card for a deploy awaiting approval
    JsonNode card = golden("card-awaiting-approval.json");

    // When it is rendered for the console
    String text = renderer.message(card.path("text").asText(), card.path("blocks"));

    // Then sections, buttons and context read as plain lines, without mrkdwn markers or emoji
    assertThat(text)
        .isEqualTo(
            String.join(
                "\n",
                "Deploy web v1.2 → prod",
                "`d-4k2p` · deploy · requested by @U01SRE1 · awaiting approval",
                "Approval — 1 of 2",
                "Roll out web",
                "Approvals: 1 of 2 — approved by @U01SRE2",
                "Waiting for 1 more approval.",
                "[Approve] [Cancel]",
                "Started 2026-11-10 12:02 UTC · waiting for 2m07s"));
  }

  @Test
  @DisplayName("the buttons of a card carry their action id and the run id")
  void buttons() throws Exception {
    JsonNode card = golden("card-awaiting-approval.json");

    assertThat(renderer.buttons(card.path("blocks")))
        .containsExactly(
            new CardButton("Approve", "run.approve", "d-4k2p"),
            new CardButton("Cancel", "run.cancel", "d-4k2p"));
  }

  @Test
  @DisplayName("a message without blocks is rendered from its text")
  void textOnly() {
    assertThat(renderer.message("*Deploy* web: <@U02BE1> asked", JSON.createArrayNode()))
        .isEqualTo("Deploy web: @U02BE1 asked");
  }

  @Test
  @DisplayName("escaped text stays text: &lt;@U1&gt; is not turned into a mention")
  void escapes() {
    assertThat(renderer.mrkdwn("Pod &lt;during&gt; &amp; <https://x.example|the logs>"))
        .isEqualTo("Pod <during> & the logs (https://x.example)");
  }

  @Test
  @DisplayName("emoji codes go, while times and ratios with colons stay")
  void emoji() {
    assertThat(renderer.mrkdwn(":checkered_flag: done at 10:30:00, ratio 1:2"))
        .isEqualTo("done at 10:30:00, ratio 1:2");
  }

  @Test
  @DisplayName("a card's substance leaves out its context, so a ticking timer is not a change")
  void substance() throws Exception {
    JsonNode card = golden("card-awaiting-approval.json");

    assertThat(renderer.substance(card.path("text").asText(), card.path("blocks")))
        .endsWith("[Approve] [Cancel]")
        .doesNotContain("waiting for 2m07s");
  }

  @Test
  @DisplayName("italics lose their underscores, snake_case names keep theirs")
  void italics() {
    assertThat(renderer.mrkdwn("_1/2 updated_ by set_image")).isEqualTo("1/2 updated by set_image");
  }

  @Test
  @DisplayName("a typed word names a button whatever its case and spacing")
  void buttonNames() {
    CardButton rollBack = new CardButton("Roll back", "run.rollback", "d-1");

    assertThat(rollBack.isNamedBy("rollback")).isTrue();
    assertThat(rollBack.isNamedBy("ROLL BACK")).isTrue();
    assertThat(rollBack.isNamedBy("roll")).isFalse();
    assertThat(rollBack.isNamedBy("")).isFalse();
  }
}
