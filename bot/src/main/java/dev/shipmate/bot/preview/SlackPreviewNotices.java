package dev.shipmate.bot.preview;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.asElements;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.shipmate.bot.presenter.ActionIds;
import dev.shipmate.bot.presenter.RunActionKind;
import dev.shipmate.config.Durations;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.pipelines.preview.Preview;
import dev.shipmate.pipelines.preview.PreviewNotices;
import dev.shipmate.pipelines.preview.PreviewSite;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the TTL reaper says in Slack, in the preview's thread: the thread of the card of its latest
 * {@code preview-up} run, or {@code previews.channel} when it has none (a card never posted, a run
 * forgotten).
 */
public final class SlackPreviewNotices implements PreviewNotices {
  private static final Logger log = LoggerFactory.getLogger(SlackPreviewNotices.class);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final MethodsClient methods;
  private final Engine engine;
  private final String channel;
  private final Predicate<Run> isUp;

  /**
   * @param isUp whether a run of the preview is a {@code preview-up} run, whose card's thread is
   *     the preview's
   */
  public SlackPreviewNotices(
      MethodsClient methods, Engine engine, String channel, Predicate<Run> isUp) {
    this.methods = Objects.requireNonNull(methods, "methods");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.channel = Objects.requireNonNull(channel, "channel");
    this.isUp = Objects.requireNonNull(isUp, "isUp");
  }

  @Override
  public void expired(Preview preview, RunId removal) {
    post(
        preview,
        preview.handle()
            + " expired at "
            + TIME.format(preview.expiresAt())
            + ": run "
            + removal
            + " removes it.",
        false);
  }

  @Override
  public boolean expiresSoon(Preview preview) {
    return post(
        preview,
        PreviewCommands.owner(preview.owner())
            + " "
            + preview.handle()
            + " ("
            + preview.url()
            + ") expires at "
            + TIME.format(preview.expiresAt())
            + ", within the hour. Extend it by "
            + Durations.format(PreviewCommands.BUTTON_EXTENSION)
            + ", or type /env extend "
            + preview.handle()
            + " <duration>.",
        true);
  }

  private boolean post(Preview preview, String text, boolean extendButton) {
    ReplyAddress address = threadOf(preview.pr());
    ChatPostMessageRequest.ChatPostMessageRequestBuilder request =
        ChatPostMessageRequest.builder()
            .channel(address.channel())
            .threadTs(address.thread().orElse(null))
            .text(text);
    if (extendButton) {
      request.blocks(
          asBlocks(
              section(s -> s.text(markdownText(text))),
              actions(
                  a ->
                      a.elements(
                          asElements(
                              button(
                                  b ->
                                      b.actionId(ActionIds.of(RunActionKind.EXTEND))
                                          .value(preview.handle())
                                          .text(
                                              plainText(
                                                  "Extend "
                                                      + Durations.format(
                                                          PreviewCommands.BUTTON_EXTENSION)))))))));
    }
    try {
      ChatPostMessageResponse response = methods.chatPostMessage(request.build());
      if (!response.isOk()) {
        log.warn("Slack refused the note on {}: {}", preview.handle(), response.getError());
      }
      return response.isOk();
    } catch (IOException | SlackApiException e) {
      log.warn("cannot tell Slack about {}", preview.handle(), e);
      return false;
    }
  }

  private ReplyAddress threadOf(int pr) {
    Optional<ReplyAddress> thread =
        engine.history(PreviewSite.lockKey(pr), 20).stream()
            .filter(isUp)
            .map(Run::replyTo)
            .flatMap(Optional::stream)
            .filter(address -> address.thread().isPresent())
            .findFirst();
    return thread.orElse(ReplyAddress.channel(channel));
  }
}
