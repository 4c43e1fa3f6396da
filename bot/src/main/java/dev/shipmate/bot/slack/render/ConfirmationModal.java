package dev.shipmate.bot.slack.render;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import dev.shipmate.bot.dispatch.Confirmation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Confirmation} as a Slack modal: what the run would do, what runs there now, the
 * approvals it waits for and whether its target is busy; Submit names the verb ("Deploy"), Cancel
 * closes it. The command travels in the view's {@code private_metadata}, which Slack hands back
 * with the submission, so that any replica can start it.
 */
public final class ConfirmationModal {

  /** The {@code callback_id} of every confirmation, which routes its submission and its close. */
  public static final String CALLBACK_ID = "shipmate.confirm";

  /** Slack's limits of a modal. */
  static final int TITLE = 24;

  static final int BUTTON = 24;
  static final int PRIVATE_METADATA = 3_000;

  private ConfirmationModal() {}

  /**
   * The modal before what runs now is read ({@code currently} empty), or after ({@code currently}
   * is the line read, or why it could not be read).
   */
  public static View render(Confirmation confirmation, Optional<String> currently) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(
        section(
            s ->
                s.blockId("confirm-what")
                    .text(
                        mrkdwn(
                            "*"
                                + Mrkdwn.escape(capitalized(confirmation.summary()))
                                + "?*\nNothing changes until you press *"
                                + Mrkdwn.escape(button(confirmation.verb()))
                                + "*."))));
    if (confirmation.currently().isPresent()) {
      String now =
          currently
              .map(line -> "*Now:* " + Mrkdwn.escape(line))
              .orElse("*Now:* reading what runs there…");
      blocks.add(section(s -> s.blockId("confirm-now").text(mrkdwn(now))));
    }
    List<ContextBlockElement> facts = new ArrayList<>();
    for (String fact : confirmation.facts()) {
      facts.add(markdownText(BlockKitLimits.cut(fact, BlockKitLimits.CONTEXT_TEXT)));
    }
    if (!facts.isEmpty()) {
      blocks.add(context(c -> c.blockId("confirm-facts").elements(facts)));
    }
    return View.builder()
        .type("modal")
        .callbackId(CALLBACK_ID)
        .title(plain(ViewTitle.builder(), "Confirm"))
        .submit(
            ViewSubmit.builder()
                .type("plain_text")
                .text(cut(button(confirmation.verb()), BUTTON))
                .build())
        .close(ViewClose.builder().type("plain_text").text("Cancel").build())
        .notifyOnClose(true)
        .privateMetadata(metadata(confirmation.replay()))
        .blocks(blocks)
        .build();
  }

  /** The command a modal carries, as its {@code private_metadata} says. */
  public static Optional<Confirmation.Replay> replay(String privateMetadata) {
    try {
      JsonObject json = JsonParser.parseString(privateMetadata).getAsJsonObject();
      return Optional.of(
          new Confirmation.Replay(
              json.get("typed").getAsString(),
              json.get("user").getAsString(),
              json.get("channel").getAsString(),
              json.has("response_url")
                  ? Optional.of(json.get("response_url").getAsString())
                  : Optional.empty()));
    } catch (RuntimeException notOurs) {
      return Optional.empty();
    }
  }

  static String metadata(Confirmation.Replay replay) {
    JsonObject json = new JsonObject();
    json.addProperty("typed", replay.typed());
    json.addProperty("user", replay.userId());
    json.addProperty("channel", replay.channelId());
    replay.replyUrl().ifPresent(url -> json.addProperty("response_url", url));
    String text = json.toString();
    if (text.length() > PRIVATE_METADATA) {
      // A command Slack let through is far shorter; without the URL the answer falls back to
      // an ephemeral message.
      json.remove("response_url");
      text = json.toString();
    }
    return text;
  }

  /**
   * The Submit button: {@code deploy} → {@code Deploy}, {@code roll back} → {@code Roll back},
   * {@code shift traffic of} → {@code Shift traffic}.
   */
  static String button(String verb) {
    String words = verb.strip();
    for (String dangling : new String[] {" of", " to", " for"}) {
      if (words.endsWith(dangling)) {
        words = words.substring(0, words.length() - dangling.length());
      }
    }
    return capitalized(words);
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static ViewTitle plain(ViewTitle.ViewTitleBuilder builder, String text) {
    return builder.type("plain_text").text(cut(text, TITLE)).build();
  }

  private static TextObject mrkdwn(String text) {
    return markdownText(BlockKitLimits.cut(text, BlockKitLimits.SECTION_TEXT));
  }

  private static String cut(String text, int max) {
    return BlockKitLimits.cut(text, max);
  }
}
