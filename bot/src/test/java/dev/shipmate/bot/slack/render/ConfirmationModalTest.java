package dev.shipmate.bot.slack.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import dev.shipmate.bot.dispatch.Confirmation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfirmationModalTest {

  private static final Gson GSON = GsonFactory.createSnakeCase();

  private static Confirmation confirmation(String verb, String typed, Optional<String> url) {
    return new Confirmation(
        "deploy web v1.2 to prod",
        verb,
        List.of(
            "It waits for 1 approval from group:sre (someone other than you) before it begins.",
            "deploy:prod/web is free: nothing else holds it."),
        Optional.of(() -> "prod: v1.1"),
        new Confirmation.Replay(typed, "U01SRE1", "C0DEPLOYS", url));
  }

  @Test
  @DisplayName(
      "a modal routed by its callback_id, notified on close, Submit named by the verb, the"
          + " command in private_metadata")
  void modal() {
    View view =
        ConfirmationModal.render(
            confirmation("deploy", "/deploy web v1.2 prod", Optional.of("https://hooks/x")),
            Optional.empty());

    JsonObject json = GSON.toJsonTree(view).getAsJsonObject();
    assertThat(json.get("type").getAsString()).isEqualTo("modal");
    assertThat(json.get("callback_id").getAsString()).isEqualTo(ConfirmationModal.CALLBACK_ID);
    assertThat(json.get("notify_on_close").getAsBoolean()).isTrue();
    assertThat(json.getAsJsonObject("submit").get("text").getAsString()).isEqualTo("Deploy");
    assertThat(json.getAsJsonObject("close").get("text").getAsString()).isEqualTo("Cancel");
    assertThat(json.get("blocks").toString())
        .contains("*Deploy web v1.2 to prod?*")
        .contains("reading what runs there")
        .contains("1 approval from group:sre");
    assertThat(ConfirmationModal.replay(view.getPrivateMetadata()))
        .contains(
            new Confirmation.Replay(
                "/deploy web v1.2 prod", "U01SRE1", "C0DEPLOYS", Optional.of("https://hooks/x")));
  }

  @Test
  @DisplayName("what runs now is escaped: a cluster's text cannot mention or link")
  void currentlyEscaped() {
    View view =
        ConfirmationModal.render(
            confirmation("deploy", "/deploy web v1.2 prod", Optional.empty()),
            Optional.of("prod: <none> & <!channel>"));

    assertThat(GSON.toJson(view.getBlocks()))
        .contains("prod: \\u0026lt;none\\u0026gt; \\u0026amp; \\u0026lt;!channel\\u0026gt;");
  }

  @Test
  @DisplayName(
      "Submit reads as an action within Slack's 24 characters; foreign metadata is no command")
  void buttonsAndForeignMetadata() {
    assertThat(ConfirmationModal.button("shift traffic of")).isEqualTo("Shift traffic");
    assertThat(ConfirmationModal.button("roll back")).isEqualTo("Roll back");
    View view =
        ConfirmationModal.render(
            confirmation("a verb that goes on and on and on", "/x", Optional.empty()),
            Optional.empty());
    assertThat(view.getSubmit().getText().length()).isLessThanOrEqualTo(ConfirmationModal.BUTTON);

    assertThat(ConfirmationModal.replay("")).isEmpty();
    assertThat(ConfirmationModal.replay("{\"typed\":\"/deploy\"}")).isEmpty();
    assertThat(ConfirmationModal.replay("not json")).isEmpty();
  }

  @Test
  @DisplayName("a response_url that would overflow private_metadata is left out, not the command")
  void metadataWithinLimit() {
    String typed = "/deploy web v1.2 prod";
    String metadata =
        ConfirmationModal.metadata(
            new Confirmation.Replay(typed, "U01SRE1", "C0DEPLOYS", Optional.of("h".repeat(3000))));
    assertThat(metadata.length()).isLessThanOrEqualTo(ConfirmationModal.PRIVATE_METADATA);
    assertThat(ConfirmationModal.replay(metadata))
        .hasValueSatisfying(
            r -> {
              assertThat(r.typed()).isEqualTo(typed);
              assertThat(r.replyUrl()).isEmpty();
            });
  }
}
